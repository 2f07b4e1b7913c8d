package dev.agentkit.routing.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The work loop and the turn settle through one path (issue 16): a rejected item and one that
 * fails on every delivery give the same dead letters (same headers and bodies), indexed the same
 * way and escalated once with the same alerts, whether a turn of roy or a work loop on roy's
 * queue gave them up.
 */
class OneSettlePathTest {
    private static final WorkHandler HANDLER = item -> {
        if (item.id().equals("REQ-001")) {
            return Outcome.reject("out of scope");
        }
        throw new IllegalStateException("database down");
    };

    /** One team of one agent, with an item to reject and an item that always fails. */
    private static final class World {
        final AgentTestKit kit = AgentTestKit.create();
        final InMemoryChat chat = new InMemoryChat(kit.clock());

        World() {
            kit.provision("roy", "backend");
            chat.addAgent("roy");
            for (String id : List.of("REQ-001", "REQ-002")) {
                kit.publish(kit.topology().requirementSubject("backend"), Envelope.ofJson(Map.of("id", id)).withMessageId(id));
            }
        }

        DeadLetterEntry entry(String item) {
            return new DeadLetterIndex(kit.stateStore(), kit.clock()).find(item).orElseThrow();
        }

        boolean escalated(Envelope letter) {
            return new DeadLetterIndex(kit.stateStore(), kit.clock())
                    .isEscalated(DeadLetter.from(kit.topology().deadLetterSubject("roy"), letter));
        }
    }

    @Test
    void theWorkLoopsDeadLettersEqualTheTurns() {
        World turn = new World();
        TurnBasedAgent roy = new TurnBasedAgent(AgentConfig.builder("roy").role("backend").build(),
                turn.kit.runtime(turn.chat.portFor("roy"))) {
            @Override
            protected Outcome processWork(WorkItem item) throws Exception {
                return HANDLER.handle(item);
            }
        };
        World loop = new World();
        WorkLoop work = WorkLoop.builder(loop.kit.broker(), HANDLER, loop.kit.topology().deadLetterSubject("roy"))
                .stateStore(loop.kit.stateStore()).clock(loop.kit.clock()).alerts(loop.chat.portFor("roy")).build();

        for (int delivery = 1; delivery <= 4; delivery++) {
            roy.runTurn();
            work.run(loop.kit.topology().consumersFor("roy", "backend").work(), 10);
            turn.kit.advance(AgentConfig.DEFAULT_FAILURE_DELAY);
            loop.kit.advance(AgentConfig.DEFAULT_FAILURE_DELAY);
        }

        List<Envelope> turnLetters = turn.kit.deadLetters("roy");
        List<Envelope> loopLetters = loop.kit.deadLetters("roy");
        assertThat(turnLetters).hasSize(2);
        assertThat(loopLetters).extracting(Envelope::headers).isEqualTo(turnLetters.stream().map(Envelope::headers).toList());
        assertThat(loopLetters).extracting(e -> new String(e.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(turnLetters.stream().map(e -> new String(e.body(), java.nio.charset.StandardCharsets.UTF_8)).toList());
        for (String item : List.of("REQ-001", "REQ-002")) {
            assertThat(loop.entry(item)).as("indexed like the turn's").usingRecursiveComparison()
                    .ignoringFields("changedAt").isEqualTo(turn.entry(item));
        }
        assertThat(loopLetters).allMatch(loop::escalated);
        assertThat(turnLetters).allMatch(turn::escalated);
        assertThat(loop.chat.texts("alerts")).as("escalated once each, as the turn does").hasSize(2)
                .isEqualTo(turn.chat.texts("alerts"));
    }
}
