package dev.agentkit.matrix;

import dev.agentkit.matrix.client.PowerLevels;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may command agents: a sender on the allow-list, or, when a threshold is configured, a
 * sender whose power level in the room is at or above it. Everyone else's messages reach no
 * command.
 */
final class CommandPolicy {
    private final Set<String> commanders;
    private final OptionalInt threshold;

    CommandPolicy(Set<String> commanders, OptionalInt threshold) {
        this.commanders = Set.copyOf(commanders);
        this.threshold = threshold;
    }

    /** Whether {@code sender} may command in {@code roomId}; {@code levels} is asked only when the allow-list says no. */
    boolean mayCommand(String sender, String roomId, Function<String, PowerLevels> levels) {
        if (commanders.contains(sender)) {
            return true;
        }
        return threshold.isPresent() && levels.apply(roomId).levelOf(sender) >= threshold.getAsInt();
    }
}
