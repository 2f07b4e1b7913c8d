package dev.agentkit.cli.config;

import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.turn.TurnBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One agent of {@code agentkit.yaml}: its character sheet, the role whose work it takes, its
 * rooms (the first gets its status lines), when its turns fall, what one turn may do, what it
 * announces and its worker command.
 *
 * @param name     the agent's name, also its durable consumer's
 * @param sheet    the character sheet, absolute
 * @param role     the role, e.g. {@code backend}
 * @param rooms    logical rooms, the first for status lines
 * @param schedule when its turns fall under {@code agentkit up}
 * @param budget   what one turn may do
 * @param announce the integration event of finished work, or empty for {@code <role>_done}
 * @param worker   the command that does the work
 */
public record AgentEntry(String name, Path sheet, String role, List<String> rooms, Schedule schedule, TurnBudget budget,
                         Optional<String> announce, WorkerEntry worker) {
    public AgentEntry {
        rooms = List.copyOf(rooms);
    }
}
