package dev.agentkit.core.oversight;

import dev.agentkit.core.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes each chat command act once: the chat message id is the key, kept in the team's
 * {@link StateStore} under {@code oversight.command.<message id>} with who acted and what it
 * replied. A message read again (a restart, a re-sync from an old cursor, a second executor
 * sharing the store) does nothing; its executor may post the stored reply again with the same
 * idempotency key, which the chat shows once. Used by the turn cycle and the
 * {@link DeadLetterDesk}.
 */
public final class CommandLedger {
    /** What was done for one message. */
    record Entry(String executor, String reply) {
    }

    private final StateStore store;

    public CommandLedger(StateStore store) {
        this.store = store;
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
