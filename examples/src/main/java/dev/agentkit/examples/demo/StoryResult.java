package dev.agentkit.examples.demo;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.routing.drain.DrainReport;
import java.util.List;
import java.util.Map;

/**
 * What the team story left behind, for printing and for asserting.
 *
 * @param drained      where the roadmap's requirements went
 * @param turns        every turn's report, in order
 * @param integration  the announcements on the INTEGRATION stream
 * @param deadLetters  the dead letters
 * @param rooms        what was said in each room
 */
public record StoryResult(DrainReport drained, List<TurnReport> turns, List<Envelope> integration,
                          List<Envelope> deadLetters, Map<String, List<String>> rooms) {

    /** The sum of one figure over an agent's turns. */
    public int total(String agent, java.util.function.ToIntFunction<TurnReport> figure) {
        return turns.stream().filter(t -> t.agent().equals(agent)).mapToInt(figure).sum();
    }
}
