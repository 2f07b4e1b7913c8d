package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one durable consumer's queue through a {@link WorkHandler} until the queue is empty or
 * the item budget is spent, and says how many items it processed: the drain loop of the
 * workshop's Exercise 3.2. For scripts, batch jobs and workers that are not turn-based agents.
 *
 * <p>It is built on the core {@link Broker} and a handler returning a core {@link Outcome},
 * rather than on repeated {@code TurnBasedAgent.runTurn()} calls, because a turn has its own
 * budget that the loop could not cap (a drain of 5 would run a turn of 20), and each turn also
 * reads the chat, the coordination streams and posts a status line, which a drain does not want.
 * An agent that wants to drain its queue runs one turn with {@code TurnBudget.items(n)}: that
 * turn is this loop with the agent's extras.
 *
 * <p>It fetches one delivery at a time, so a spent budget burns no delivery attempt, and settles
 * each by its outcome: done is marked processed (with a store) and then acked; retry and blocked
 * are nak'ed with their delay (blocked with {@link Builder#blockedDelay}); a handler exception is
 * nak'ed with {@link Builder#failureDelay};
 * reject and poison (a body that is not JSON, or {@link PoisonMessageException}) are published to
 * the dead-letter subject with {@link Headers#DEAD_REASON} and terminated, as is any failure on
 * the consumer's last allowed delivery. The budget counts deliveries, not successes, so items
 * nak'ed with no delay cannot keep the loop going forever. Handlers run on the calling thread; one
 * that runs longer than the consumer's ack wait should live in a {@code TurnBasedAgent}, whose
 * turn marks work in progress.
 */
public final class DrainLoop {
    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

    private final Broker broker;
    private final WorkHandler handler;
    private final String deadLetterSubject;
    private final Duration fetchWait;
    private final Duration failureDelay;
    private final Duration blockedDelay;
    private final ProcessedStore processed;

    private DrainLoop(Builder b) {
        this.broker = b.broker;
        this.handler = b.handler;
        this.deadLetterSubject = b.deadLetterSubject;
        this.fetchWait = b.fetchWait;
        this.failureDelay = b.failureDelay;
        this.blockedDelay = b.blockedDelay;
        this.processed = b.processed;
    }

    /**
     * A builder: items of {@code broker} go through {@code handler}, given-up items to
     * {@code deadLetterSubject} (e.g. {@code topology.deadLetterSubject("roy")}).
     */
    public static Builder builder(Broker broker, WorkHandler handler, String deadLetterSubject) {
        return new Builder(broker, handler, deadLetterSubject);
    }

    /**
     * Pulls and processes deliveries of {@code consumer} until it has none or {@code maxItems}
     * were pulled. Broker failures stop the loop ({@code BROKER_FAILURE}); what was fetched and not
     * settled is redelivered after the ack wait.
     */
    public DrainResult drain(ConsumerSpec consumer, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive, was " + maxItems);
        }
        ConsumerRef ref = ConsumerRef.of(consumer);
        Tally tally = new Tally();
        StopReason stop;
        try {
            stop = loop(consumer, ref, maxItems, tally);
        } catch (BrokerException e) {
            log.warn("drain of {} stopped: the broker failed: {}", ref, e.getMessage());
            stop = StopReason.BROKER_FAILURE;
        }
        DrainResult result = new DrainResult(tally.processed, tally.done, tally.retried, tally.dead, tally.duplicates, stop);
        log.info("drain of {}: {}", ref, result.summary());
        return result;
    }

    private StopReason loop(ConsumerSpec consumer, ConsumerRef ref, int maxItems, Tally tally) {
        while (tally.processed < maxItems) {
            List<Delivery> batch = broker.fetch(ref, 1, fetchWait);
            if (batch.isEmpty()) {
                return StopReason.QUEUE_EMPTY;
            }
            for (Delivery d : batch) {
                settle(consumer, d, tally);
                tally.processed++;
            }
        }
        return StopReason.MAX_ITEMS;
    }

    private void settle(ConsumerSpec consumer, Delivery d, Tally tally) {
        String id = d.envelope().id().orElse(d.stream() + ":" + d.streamSequence());
        String key = consumer.durable() + "." + id;
        if (processed != null && processed.isProcessed(key)) {
            log.info("{} was already processed; acking the redelivery", id);
            d.ack();
            tally.duplicates++;
            return;
        }
        boolean last = consumer.isLastDelivery(d.deliveryCount());
        Outcome outcome = run(new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(), last));
        if (outcome instanceof Outcome.Done) {
            mark(key, id); // before the ack, which is fire-and-forget and may be lost
            d.ack();
            tally.done++;
        } else if (outcome instanceof Outcome.Reject r) {
            giveUp(consumer, d, id, r.reason(), tally);
        } else if (last) {
            giveUp(consumer, d, id, "out of deliveries (" + d.deliveryCount() + " of " + consumer.maxDeliver() + "): "
                    + reasonOf(outcome), tally);
        } else {
            Duration delay = outcome instanceof Outcome.Retry r ? r.delay()
                    : outcome instanceof Outcome.Blocked ? blockedDelay : failureDelay;
            log.info("{} will be redelivered in {}: {}", id, delay, reasonOf(outcome));
            d.nak(delay);
            tally.retried++;
        }
    }

    /** Marks a done item; if the mark fails it is still acked: left unacked, it would surely run again. */
    private void mark(String key, String id) {
        if (processed == null) {
            return;
        }
        try {
            processed.markProcessed(key);
        } catch (RuntimeException e) {
            log.warn("{} is done but could not be marked processed; acking it, so only a lost ack can run it again: {}",
                    id, e.toString());
        }
    }

    private static String reasonOf(Outcome outcome) {
        if (outcome instanceof Outcome.Retry r) {
            return r.reason();
        }
        return outcome instanceof Outcome.Blocked b ? "blocked: " + b.reason() : outcome.toString();
    }

    private Outcome run(WorkItem item) {
        if (Json.tryRead(item.envelope().body()).isEmpty()) {
            return Outcome.reject("poison: body is not JSON: " + item.envelope().preview());
        }
        try {
            return Objects.requireNonNull(handler.handle(item), "the handler returned null instead of an Outcome");
        } catch (PoisonMessageException e) {
            return Outcome.reject("poison: " + e.getMessage());
        } catch (Exception e) {
            log.warn("{} failed on delivery {}: {}", item.id(), item.deliveryCount(), e.toString(), e);
            return Outcome.retry(failureDelay, "failed: " + e);
        }
    }

    private void giveUp(ConsumerSpec consumer, Delivery d, String id, String reason, Tally tally) {
        Envelope original = d.envelope();
        Map<String, String> headers = new LinkedHashMap<>(original.headers());
        headers.remove(Headers.MESSAGE_ID);
        headers.put(Headers.ORIGINAL_ID, HeaderValues.safe(id));
        headers.put(Headers.DEAD_REASON, HeaderValues.safe(reason));
        headers.put(Headers.DEAD_AGENT, consumer.durable());
        headers.put(Headers.ORIGINAL_SUBJECT, d.subject());
        headers.put(Headers.ORIGINAL_STREAM, d.stream());
        headers.put(Headers.ORIGINAL_SEQUENCE, Long.toString(d.streamSequence()));
        headers.put(Headers.DELIVERY_COUNT, Integer.toString(d.deliveryCount()));
        headers.put(Headers.MESSAGE_ID, "dead:" + d.stream() + ":" + d.streamSequence() + ":" + consumer.durable());
        broker.publish(deadLetterSubject, Envelope.of(original.body(), headers));
        d.term(reason);
        tally.dead++;
        log.warn("{} dead-lettered to {}: {}", id, deadLetterSubject, reason);
    }

    /** Counts of one drain. */
    private static final class Tally {
        int processed;
        int done;
        int retried;
        int dead;
        int duplicates;
    }

    /** Builds a {@link DrainLoop}; each setter validates at once. */
    public static final class Builder {
        private final Broker broker;
        private final WorkHandler handler;
        private final String deadLetterSubject;
        private Duration fetchWait = Duration.ZERO;
        private Duration failureDelay = Duration.ofMinutes(1);
        private Duration blockedDelay = Duration.ofMinutes(30);
        private ProcessedStore processed;

        private Builder(Broker broker, WorkHandler handler, String deadLetterSubject) {
            this.broker = Objects.requireNonNull(broker, "broker");
            this.handler = Objects.requireNonNull(handler, "handler");
            Subjects.requireValid("dead-letter subject", deadLetterSubject);
            this.deadLetterSubject = deadLetterSubject;
        }

        /** How long each fetch waits for an item; zero (the default) ends the drain at the first empty fetch. */
        public Builder fetchWait(Duration d) {
            this.fetchWait = nonNegative("fetchWait", d);
            return this;
        }

        /** The redelivery delay after the handler throws; one minute by default, as in the workshop. */
        public Builder failureDelay(Duration d) {
            this.failureDelay = nonNegative("failureDelay", d);
            return this;
        }

        /** The redelivery delay of a blocked item; 30 minutes by default. */
        public Builder blockedDelay(Duration d) {
            this.blockedDelay = nonNegative("blockedDelay", d);
            return this;
        }

        /** Skips (and acks) items already marked in {@code store}, and marks each done item before acking it. */
        public Builder processedStore(ProcessedStore store) {
            this.processed = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The loop. */
        public DrainLoop build() {
            return new DrainLoop(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be zero or positive, was " + d);
            }
            return d;
        }
    }
}
