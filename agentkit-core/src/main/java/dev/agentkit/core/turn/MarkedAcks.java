package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acks of done items that wait for their processed marks: the turn starts each mark with
 * {@code ProcessedStore.markProcessedAsync} and goes on with the next item, but acks an item only
 * once its mark is kept (or known to have failed), so a redelivery is always skipped. Until a
 * store is seen to return a mark not yet kept, items are acked inside their settle path as before
 * (the first such mark is waited for there; see {@link #asynchronous()}); after that, an item
 * whose mark is still on its way waits here until {@link #ackReady} finds it kept (after every
 * item) or {@link #ackAll} waits for it at the end of the turn's work step. Also remembers the
 * keys marked meanwhile, so a second copy of an item is skipped although the store was read before
 * the first's mark was kept. Confined to the turn's thread.
 */
final class MarkedAcks {
    private static final Logger log = LoggerFactory.getLogger(MarkedAcks.class);
    /** How long the turn waits for one mark before it acks anyway; a store's own retries end well before. */
    static final Duration MARK_WAIT = Duration.ofSeconds(60);

    private final String agent;
    private final List<AckAfterMark> waiting = new ArrayList<>();
    private final Set<String> marked = new HashSet<>();
    private boolean asynchronous;

    /**
     * The acks of one work step of {@code agent}; {@code asynchronous} says whether its store was
     * seen to keep marks asynchronously before (see {@link #asynchronous()}).
     */
    MarkedAcks(String agent, boolean asynchronous) {
        this.agent = agent;
        this.asynchronous = asynchronous;
    }

    /**
     * Whether the store returned a mark not yet kept: from then on every done item's ack is held
     * for its mark. Until then items go unwrapped (a store that keeps its marks at once, as the
     * in-memory and file stores do, costs nothing here), and the first mark found on its way is
     * waited for where it was made, before its item's ack.
     */
    boolean asynchronous() {
        return asynchronous;
    }

    /** {@code d} as the settle path sees it: its ack waits for the mark {@link #marking} gives it. */
    Delivery deferring(Delivery d) {
        return asynchronous ? new AckAfterMark(d) : d;
    }

    /** The mark of {@code d} (made by {@link #deferring}) under {@code key} is on its way. */
    void marking(Delivery d, String key, CompletableFuture<Void> mark) {
        marked.add(key);
        if (d instanceof AckAfterMark a) {
            a.key = key;
            a.mark = mark;
        } else if (!mark.isDone()) {
            asynchronous = true;
            await(mark, key); // the settle path acks as soon as this returns
        }
    }

    private void await(CompletableFuture<Void> mark, String key) {
        try {
            mark.get(MARK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            markFailed(key, e.getCause().toString());
        } catch (TimeoutException e) {
            markFailed(key, "no answer within " + MARK_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code key} was marked since the store was last read: a copy of a done item. */
    boolean markedHere(String key) {
        return marked.contains(key);
    }

    /**
     * The store is about to be read for new arrivals: it shows every mark kept by now, so only the
     * keys whose marks are still on their way need remembering (the set stays the size of an
     * arrival instead of growing over the turn).
     */
    void storeRead() {
        marked.clear();
        for (AckAfterMark a : waiting) {
            if (!a.mark.isDone()) {
                marked.add(a.key);
            }
        }
    }

    /** Acks the waiting items whose marks are kept by now, without waiting for the others. */
    void ackReady() {
        for (Iterator<AckAfterMark> it = waiting.iterator(); it.hasNext(); ) {
            AckAfterMark a = it.next();
            if (a.mark.isDone()) {
                it.remove();
                a.settle();
            }
        }
    }

    /**
     * Waits for the marks of the waiting items (each for up to {@link #MARK_WAIT}) and acks them;
     * forgets the keys marked. A transient broker failure of an ack is thrown once the other
     * items were acked; the item comes back after its ack wait and its mark skips it.
     */
    void ackAll() {
        BrokerException failed = null;
        for (AckAfterMark a : waiting) {
            try {
                a.mark.get(MARK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // logged by settle, which acks anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                a.settle();
            } catch (BrokerException e) {
                log.warn("{} leaves {} unacked for redelivery, where its processed mark skips it: the ack failed ({})",
                        agent, Settlement.describe(a.delivery), e.getMessage());
                failed = failed == null && e.isTransient() ? e : failed;
            }
        }
        waiting.clear();
        marked.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private void markFailed(String key, String why) {
        log.error("{} could not mark {} processed ({}); it is done and its announcements are published, so it is"
                + " acked anyway, or a redelivery would run it again", agent, key, why);
    }

    /** A delivery whose ack is held until its mark is kept; everything else goes straight through. */
    private final class AckAfterMark implements Delivery {
        final Delivery delivery;
        String key;
        CompletableFuture<Void> mark;

        AckAfterMark(Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public void ack() {
            if (mark == null || mark.isDone()) {
                settle();
            } else {
                waiting.add(this);
            }
        }

        /** Acks, saying first when the mark failed: done and announced, so acked anyway. */
        void settle() {
            if (mark != null && (!mark.isDone() || mark.isCompletedExceptionally())) {
                markFailed(key, failure());
            }
            delivery.ack();
        }

        private String failure() {
            if (!mark.isDone()) {
                return "no answer within " + MARK_WAIT.toSeconds() + " s";
            }
            try {
                mark.getNow(null);
                return "";
            } catch (RuntimeException e) {
                return (e.getCause() != null ? e.getCause() : e).toString();
            }
        }

        @Override
        public Envelope envelope() {
            return delivery.envelope();
        }

        @Override
        public String subject() {
            return delivery.subject();
        }

        @Override
        public String stream() {
            return delivery.stream();
        }

        @Override
        public long streamSequence() {
            return delivery.streamSequence();
        }

        @Override
        public int deliveryCount() {
            return delivery.deliveryCount();
        }

        @Override
        public void nak(Duration delay) {
            delivery.nak(delay);
        }

        @Override
        public void term(String reason) {
            delivery.term(reason);
        }

        @Override
        public void inProgress() {
            delivery.inProgress();
        }

        @Override
        public String toString() {
            return delivery.toString();
        }
    }
}
