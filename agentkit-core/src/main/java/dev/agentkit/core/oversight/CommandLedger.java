package dev.agentkit.core.oversight;

import dev.agentkit.core.message.Json;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes each chat command act once: the chat message id is the key, kept in the team's
 * {@link StateStore} under {@code oversight.command.<message id>} with who acted and what it
 * replied. A message read again (a restart, a re-sync from an old cursor, a second executor
 * sharing the store) does nothing; its executor may post the stored reply again with the same
 * idempotency key, which the chat shows once. Used by the turn cycle and the
 * {@link DeadLetterDesk}.
 *
 * <p>It forgets an entry after {@link #MAX_AGE}, or sooner when more than {@link #MAX_COUNT}
 * were recorded since (whole days are forgotten, oldest first, never today's). A command read
 * again after its entry was forgotten would act again: chat ports re-read at most a timeline's
 * worth of recent messages, far inside these bounds.
 */
public final class CommandLedger {
    /** How long an entry is kept. */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    /** How many entries are kept at most. */
    public static final int MAX_COUNT = 10_000;

    /** What was done for one message. */
    record Entry(String executor, String reply) {
    }

    private final StateStore store;
    private final AgeJournal journal;

    /** A ledger in {@code store}, timed by the system clock. */
    public CommandLedger(StateStore store) {
        this(store, AgentClock.system());
    }

    /** A ledger in {@code store}; {@code clock} ages its entries. */
    public CommandLedger(StateStore store, AgentClock clock) {
        this.store = store;
        this.journal = new AgeJournal(store, "oversight.commands", MAX_AGE, MAX_COUNT, clock,
                note -> note.forEach(store::delete));
    }

    /**
     * Runs {@code action} unless message {@code messageId} was acted on before. Returns the reply
     * {@code executor} should post: the action's, or its own stored reply when it acted before;
     * empty when another executor acted.
     */
    public Optional<String> once(String messageId, String executor, Supplier<String> action) {
        Optional<Entry> done = store.get(key(messageId)).map(json -> Json.read(json, Entry.class));
        if (done.isPresent()) {
            return done.get().executor().equals(executor) ? Optional.of(done.get().reply()) : Optional.empty();
        }
        String reply = action.get();
        store.put(key(messageId), Json.writeString(new Entry(executor, reply)));
        journal.note(List.of(key(messageId)));
        return Optional.of(reply);
    }

    /** Whether message {@code messageId} was acted on. */
    public boolean seen(String messageId) {
        return store.get(key(messageId)).isPresent();
    }

    private static String key(String messageId) {
        return "oversight.command." + messageId;
    }
}
