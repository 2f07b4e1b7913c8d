package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each chat command act once: the chat message id is the key, kept in the team's
 * {@link StateStore} under {@code oversight.command.<message id>} with who acted and what it
 * replied. A message read again (a restart, a re-sync from an old cursor, a second executor
 * sharing the store) does nothing; its executor may post the stored reply again with the same
 * idempotency key, which the chat shows once. Used by the turn cycle and the
 * {@link DeadLetterDesk}.
 *
 * <p>It forgets an entry after {@link #MAX_AGE}, or sooner when more than {@link #MAX_COUNT}
 * were recorded since (whole days are forgotten, oldest first, never today's). So that a
 * forgotten command never acts again, {@link #once(ChatMessage, String, Supplier)} ignores a
 * message sent on a day the ledger has forgotten.
 */
public final class CommandLedger {
    /** How long an entry is kept. */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    /** How many entries are kept at most. */
    public static final int MAX_COUNT = 10_000;

    /** What was done for one message. */
    record Entry(String executor, String reply) {
    }

    private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);

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

    /**
     * {@link #once(String, String, Supplier)} for chat message {@code m}, which is ignored (empty)
     * when it is not in the ledger and was sent on a day the ledger has since forgotten: its
     * entry may be gone, and an old command read again (a lost cursor) must not act twice.
     */
    public Optional<String> once(ChatMessage m, String executor, Supplier<String> action) {
        if (!seen(m.id()) && journal.mayHaveForgotten(m.sentAt())) {
            log.info("{} ignores the command in message {} of {}: sent {}, before what the ledger still remembers",
                    executor, m.id(), m.room(), m.sentAt());
            return Optional.empty();
        }
        return once(m.id(), executor, action);
    }

    /** Whether message {@code messageId} was acted on. */
    public boolean seen(String messageId) {
        return store.get(key(messageId)).isPresent();
    }

    private static String key(String messageId) {
        return "oversight.command." + messageId;
    }
}
