package dev.agentkit.matrix;

import dev.agentkit.matrix.client.PowerLevels;
import dev.agentkit.matrix.client.RoomCreation;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may command agents: a sender on the allow-list, or, when a threshold is configured, a
 * sender whose power level in the room is at or above it, in a room the team created. Power
 * levels are trusted only in a room whose every creator is a trusted account (one of the team's
 * agent accounts or an allow-listed commander): whoever creates a room sets its power levels, so
 * in a room a stranger created (one that took the {@code #alerts} alias first, say) only the
 * allow-list commands, and the port warns once per such room. Everyone else's messages reach no
 * command.
 */
final class CommandPolicy {
    private static final Logger log = LoggerFactory.getLogger(CommandPolicy.class);

    private final Set<String> commanders;
    private final OptionalInt threshold;
    private final Set<String> trustedCreators;
    private final Set<String> warnedRooms = ConcurrentHashMap.newKeySet();

    /** {@code trustedCreators}: the accounts whose rooms' power levels count (agents and commanders). */
    CommandPolicy(Set<String> commanders, OptionalInt threshold, Set<String> trustedCreators) {
        this.commanders = Set.copyOf(commanders);
        this.threshold = threshold;
        this.trustedCreators = Set.copyOf(trustedCreators);
    }

    /**
     * Whether {@code sender} may command in {@code roomId}; {@code creation} and {@code levels} are
     * asked only when the allow-list says no and a threshold is configured.
     */
    boolean mayCommand(String sender, String roomId, Function<String, RoomCreation> creation,
                       Function<String, PowerLevels> levels) {
        if (commanders.contains(sender)) {
            return true;
        }
        if (threshold.isEmpty()) {
            return false;
        }
        RoomCreation created = creation.apply(roomId);
        if (created.creators().isEmpty() || !trustedCreators.containsAll(created.creators())) {
            if (warnedRooms.add(roomId)) {
                log.warn("room {} was created by {}, not by the team: its power levels let nobody command agents;"
                        + " only the allow-list commands there", roomId, created.creators());
            }
            return false;
        }
        return created.levelOf(sender, levels.apply(roomId)) >= threshold.getAsInt();
    }
}
