package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.store.FileProcessedStore;
import dev.agentkit.core.store.FileStateStore;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, scenario 2: a message id longer than a file name may be (267 characters) with the
 * file stores. The processed mark used to fail after the announcement was published, so the item
 * was run, announced and retried until its last turn threw.
 */
class LongIdFileStoresTest {
    private static final String LONG_ID = "REQ-" + "x".repeat(263);

    private final AgentTestKit kit = AgentTestKit.create();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void anItemWithA267CharacterIdIsProcessedOnceAnnouncedOnceAndAcked() {
        assertThat(LONG_ID).hasSize(267);
        kit.provision("roy", "backend");
        AgentRuntime runtime = AgentRuntime.builder(kit.broker()).clock(kit.clock()).topology(kit.topology())
                .processedStore(new FileProcessedStore(dir.resolve("processed")))
                .stateStore(new FileStateStore(dir.resolve("state"))).team(kit.team()).build();
        ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").build(), runtime);
        roy.work = (self, item) -> {
            self.announceFromWork("api_ready", Map.of("requirement", item.id()));
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", LONG_ID, "title", "a long id"));

        List<TurnReport> reports = new ArrayList<>();
        for (int turn = 0; turn < kit.topology().consumersFor("roy", "backend").work().maxDeliver(); turn++) {
            reports.add(roy.runTurn());
            kit.advance(Duration.ofMinutes(10));
        }

        assertThat(reports.get(0).done()).isEqualTo(1);
        assertThat(roy.worked).as("processWork ran once").hasSize(1);
        assertThat(kit.published("work.integration.api_ready")).as("announced once").hasSize(1);
        assertThat(kit.acked(LONG_ID)).isTrue();
        assertThat(kit.deadLetters("roy")).isEmpty();
        assertThat(new FileProcessedStore(dir.resolve("processed")).isProcessed("roy." + LONG_ID)).isTrue();
    }
}
