package dev.agentkit.core.oversight;

import java.util.Optional;

/**
 * What one {@link DeadLetterDesk#runOnce()} did.
 *
 * @param letters   dead letters read
 * @param escalated alerts posted for letters nobody had escalated
 * @param commands  commands from allowed humans seen (acted on now or before)
 * @param chatError the chat failure of this run, or {@code null}
 */
public record DeskReport(int letters, int escalated, int commands, String chatError) {
    /** The chat failure, if the chat part failed. */
    public Optional<String> chatFailure() {
        return Optional.ofNullable(chatError);
    }
}
