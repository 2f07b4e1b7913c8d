package dev.agentkit.core.oversight;

import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.internal.oversight.AgeJournal;
import dev.agentkit.core.internal.oversight.StoredNames;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The questions agents asked humans ({@code Outcome.awaitApproval}), in the team's
 * {@link StateStore}: the turn cycle parks an item here before it acks it, and a decision
 * ({@code approve}, {@code deny}, {@code answer} from the chat, the shell or Java, or a timeout)
 * reads the item back from its stream by reference and publishes it to its subject again with
 * the decision in its headers ({@link Approval}), its item id kept ({@code Agentkit-Item-Id}) and
 * a message id of its own ({@code <item id>:approval:<sequence>}, so JetStream's de-duplication
 * window never drops it and a repeated publish stores one copy). Shared by the turn cycle, the
 * {@link CommandExecutor} and {@code status}.
 *
 * <p>Keys: {@code approval.item.<item>} (one {@link PendingApproval}), {@code approval.pending.<agent>}
 * (the agent's pending items, at most {@link #MAX_PENDING_PER_AGENT}) and the journal of decided
 * ones {@code approval.closed.*}, forgotten after {@link #CLOSED_MAX_AGE} or beyond the newest
 * {@link #CLOSED_MAX_COUNT}. Item names match without regard to case.
 */
public final class ApprovalBook {
    /** Questions one agent may have waiting; past it the item is handled as blocked instead. */
    public static final int MAX_PENDING_PER_AGENT = 1_000;
    /** How long a decided request is kept (its "already approved" answer). */
    public static final Duration CLOSED_MAX_AGE = Duration.ofDays(30);
    /** How many decided requests are kept at most. */
    public static final int CLOSED_MAX_COUNT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ApprovalBook.class);

    private final StateStore store;
    private final AgentClock clock;
    private final AgeJournal closed;

    /** The book in {@code store}; {@code clock} stamps requests and decisions. */
    public ApprovalBook(StateStore store, AgentClock clock) {
        this.store = store;
        this.clock = clock;
        this.closed = new AgeJournal(store, "approval.closed", CLOSED_MAX_AGE, CLOSED_MAX_COUNT, clock,
                note -> forgetClosed(note.get(0), Long.parseLong(note.get(1))));
    }

    /**
     * Stores the question {@code agent} asks about delivery {@code d} (whose id in
     * {@code processWork} was {@code itemId}), or returns the entry already stored for this
     * delivery (a repeat after a crash before the ack). Empty when the agent has
     * {@link #MAX_PENDING_PER_AGENT} questions waiting. Throws what the store throws.
     */
    public Optional<PendingApproval> park(String agent, Delivery d, String itemId, String question,
                                          ApprovalOptions options) {
        String name = DeadLetter.itemOf(d.envelope(), d.stream(), d.streamSequence());
        Optional<PendingApproval> existing = find(name);
        if (existing.isPresent() && !sameDelivery(existing.get(), d) && existing.get().pending()) {
            name = d.stream() + ":" + d.streamSequence(); // another item of the same name waits already
            existing = find(name);
        }
        if (existing.isPresent() && sameDelivery(existing.get(), d)) {
            if (existing.get().pending()) {
                addPending(agent, name);
            }
            return existing;
        }
        if (pendingItems(agent).size() >= MAX_PENDING_PER_AGENT) {
            log.warn("{} has {} questions waiting for humans; {} is handled as blocked instead", agent,
                    MAX_PENDING_PER_AGENT, name);
            return Optional.empty();
        }
        long now = clock.now().toEpochMilli();
        PendingApproval entry = new PendingApproval(name, agent, itemId, d.subject(), d.stream(), d.streamSequence(),
                d.deliveryCount(), HeaderValues.oneLine(question, PendingApproval.MAX_QUESTION), options.choices(),
                options.timeout().toMillis(), options.onTimeout(), now, now + options.timeout().toMillis(), 1,
                PendingApproval.Status.PENDING, "", 0, "");
        store.put(key(name), Json.writeString(entry));
        addPending(agent, name);
        return Optional.of(entry);
    }

    /** The request called {@code item}, if any (pending, or decided and not forgotten). */
    public Optional<PendingApproval> find(String item) {
        return store.get(key(item)).map(json -> Json.read(json, PendingApproval.class));
    }

    /** The requests of {@code agent} nobody has decided, oldest first. */
    public List<PendingApproval> pendingOf(String agent) {
        List<PendingApproval> out = new ArrayList<>();
        for (String item : pendingItems(agent)) {
            find(item).filter(PendingApproval::pending).filter(e -> e.agent().equals(agent)).ifPresent(out::add);
        }
        return out;
    }

    /** The pending requests of {@code agent} whose timeout is due. */
    public List<PendingApproval> dueOf(String agent) {
        long now = clock.now().toEpochMilli();
        return pendingOf(agent).stream().filter(e -> e.dueAt() > 0 && e.dueAt() <= now).toList();
    }

    /** Records that {@code entry}'s timeout acted without a decision: next due at {@code dueAt} (0: never), in round {@code round}. */
    public PendingApproval rescheduled(PendingApproval entry, long dueAt, int round) {
        PendingApproval updated = entry.rescheduled(dueAt, round);
        store.put(key(entry.item()), Json.writeString(updated));
        return updated;
    }

    /**
     * Decides request {@code item}: the parked item goes back to its queue with the decision, and
     * the request is closed. Returns what was done, in a sentence for the chat; a request that is
     * unknown, already decided, or answered off its choices changes nothing. Throws what the
     * broker or the store throws, with the request still pending (say it again).
     */
    public String decide(Broker broker, String item, Approval.Decision decision, String by, String text) {
        Optional<StateStore.Versioned> stored = store.getVersioned(key(item));
        if (stored.isEmpty()) {
            return "I know no approval request " + item + ".";
        }
        long version = stored.get().version();
        PendingApproval e = Json.read(stored.get().value(), PendingApproval.class);
        if (!e.pending()) {
            return e.item() + " was already " + e.describeDecision() + "; nothing done.";
        }
        String said = HeaderValues.oneLine(text == null ? "" : text, PendingApproval.MAX_TEXT);
        if (decision == Approval.Decision.ANSWERED && !e.choices().isEmpty()
                && e.choices().stream().noneMatch(c -> c.equalsIgnoreCase(said))) {
            return e.item() + " takes one of: " + String.join(", ", e.choices()) + "; nothing done.";
        }
        Instant now = clock.now();
        Optional<Envelope> original = broker.envelopeAt(e.stream(), e.sequence());
        if (original.isEmpty()) {
            close(e, e.decided(PendingApproval.Status.GONE, by, now, said), version);
            return "cannot bring " + e.item() + " back: its item (" + e.stream() + " #" + e.sequence() + ") is no "
                    + "longer stored (the stream's limits removed it); the request is closed.";
        }
        Envelope copy = new Approval(decision, by, now, said, e.question()).onto(original.get())
                .withHeader(Headers.ITEM_ID, e.itemId())
                .withMessageId(e.itemId() + ":approval:" + e.sequence());
        broker.publish(e.subject(), copy);
        PendingApproval.Status status = PendingApproval.Status.valueOf(decision.name());
        if (!close(e, e.decided(status, by, now, said), version)) {
            return e.item() + " was decided by someone else at the same moment; nothing more done.";
        }
        log.info("{} {} {}: it is back on {} with the decision", by, status.name().toLowerCase(Locale.ROOT), e.item(),
                e.subject());
        return status.name().toLowerCase(Locale.ROOT) + " " + e.item() + (said.isEmpty() ? "" : " (" + said + ")")
                + ": it is back in " + e.agent() + "'s queue with the decision.";
    }

    /** For {@code status}: how many requests of {@code agent} wait, and for how long; empty when none do. */
    public String statusOf(String agent) {
        List<PendingApproval> waiting = pendingOf(agent);
        if (waiting.isEmpty()) {
            return "";
        }
        Instant now = clock.now();
        return waiting.size() + (waiting.size() == 1 ? " approval pending (" : " approvals pending (")
                + String.join(", ", waiting.stream().map(e -> e.item() + " for " + ago(e.age(now))).toList()) + ")";
    }

    /** {@code 2d 3h}, {@code 3h 5m}, {@code 5m}, {@code 40s}: an age for humans. */
    public static String ago(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400) {
            return s / 86_400 + "d " + s % 86_400 / 3_600 + "h";
        }
        if (s >= 3_600) {
            return s / 3_600 + "h " + s % 3_600 / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" : s + "s";
    }

    private boolean close(PendingApproval before, PendingApproval after, long version) {
        if (store.putIfVersion(key(before.item()), Json.writeString(after), version).isEmpty()) {
            return false;
        }
        removePending(before.agent(), before.item());
        closed.note(List.of(before.item(), Long.toString(before.askedAt())));
        return true;
    }

    private static boolean sameDelivery(PendingApproval e, Delivery d) {
        return e.sequence() == d.streamSequence() && d.stream().equals(e.stream());
    }

    private Set<String> pendingItems(String agent) {
        return StoredNames.read(store, agentKey(agent));
    }

    private void addPending(String agent, String item) {
        StoredNames.add(store, agentKey(agent), item);
    }

    private void removePending(String agent, String item) {
        StoredNames.remove(store, agentKey(agent), item);
    }

    /** Forgets the decided request {@code item} asked at {@code askedAt}, unless it was asked again since. */
    private void forgetClosed(String item, long askedAt) {
        find(item).filter(e -> !e.pending() && e.askedAt() == askedAt).ifPresent(e -> store.delete(key(item)));
    }

    private static String key(String item) {
        return "approval.item." + item.toLowerCase(Locale.ROOT);
    }

    private static String agentKey(String agent) {
        return "approval.pending." + agent;
    }
}
