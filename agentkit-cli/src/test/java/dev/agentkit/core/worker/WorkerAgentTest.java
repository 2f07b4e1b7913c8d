package dev.agentkit.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.examples.team.Workspaces;
import dev.agentkit.testing.AgentTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkerAgent} on the in-memory broker with real worker scripts and a real git workspace
 * (here, not in agentkit-core's tests, because the test kit lives in agentkit-testing).
 */
class WorkerAgentTest {
    private static final Path SHEET = Path.of("../examples/agents/roy.md");

    private AgentTestKit kit;
    private Path workspace;
    private Path scripts;

    @BeforeEach
    void setUp() throws IOException {
        kit = AgentTestKit.create();
        kit.provision("roy", "backend");
        workspace = Workspaces.init(Files.createTempDirectory("worker-agent-ws-"), "start");
        scripts = Files.createTempDirectory("worker-agent-scripts-");
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private WorkerAgent roy(String script) throws IOException {
        Path file = scripts.resolve("worker.sh");
        Files.writeString(file, "#!/bin/sh\nset -eu\n" + script + "\n");
        WorkerSettings settings = WorkerSettings.builder(List.of("sh", file.toString()), workspace).announce("api_ready")
                .build();
        return new WorkerAgent(AgentConfig.builder("roy").role("backend").build(), kit.runtime(),
                AgentDefinition.parse(SHEET), settings);
    }

    @Test
    void aSuccessfulWorkerIsCommittedAsTheRequirementAndAnnounced() throws IOException {
        WorkerAgent roy = roy("mkdir -p src/api && echo \"$AGENTKIT_AGENT $AGENTKIT_ROLE $AGENTKIT_OWNED_PATHS\" > src/api/login.py");
        kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(1);
        assertThat(kit.acked("REQ-001")).isTrue();
        assertThat(Workspaces.commitSubjects(workspace).get(0)).isEqualTo("REQ-001: Add login");
        assertThat(Files.readString(workspace.resolve("src/api/login.py"))).startsWith("roy backend src/api/:");
        String announced = kit.published("work.integration.api_ready").get(0).text();
        assertThat(announced).contains("\"requirement\":\"REQ-001\"").contains("\"title\":\"Add login\"")
                .contains("\"commit\":").contains("src/api/login.py");
    }

    @Test
    void changesOutsideTheSheetsScopeAreRefusedAndNothingIsCommitted() throws IOException {
        WorkerAgent roy = roy("mkdir -p src/api src/components && echo x > src/api/a.py && echo y > src/components/Form.tsx");
        kit.publishWork("backend", Map.of("id", "REQ-002", "title", "Sneaky"));

        TurnReport report = roy.runTurn();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(kit.deadLetterHeaders("roy", "REQ-002").get("Agentkit-Dead-Reason"))
                .contains("outside its scope").contains("src/components/Form.tsx");
        assertThat(Workspaces.commitSubjects(workspace)).containsExactly("start");
        assertThat(kit.published("work.integration.>")).isEmpty();
    }

    @Test
    void aWorkerCanSayItIsBlockedThroughTheOutcomeFile() throws IOException {
        WorkerAgent roy = roy("echo '{\"outcome\": \"blocked\", \"reason\": \"needs the schema\", \"tokensIn\": 10}'"
                + " > \"$AGENTKIT_OUTCOME_FILE\"");
        kit.publishWork("backend", Map.of("id", "REQ-003", "title", "Add schema"));

        TurnReport report = roy.runTurn();

        assertThat(report.blocked()).isEqualTo(1);
        assertThat(report.usage().tokensIn()).isEqualTo(10);
        assertThat(kit.acked("REQ-003")).isFalse();
    }

    @Test
    void aFailingWorkerIsRetriedWithTheTailOfItsOutput() throws IOException {
        WorkerAgent roy = roy("echo 'tests failed: 3 of 7' && exit 3");
        kit.publishWork("backend", Map.of("id", "REQ-004", "title", "Add tests"));

        TurnReport report = roy.runTurn();

        assertThat(report.retried()).isEqualTo(1);
        assertThat(kit.nakCount("REQ-004")).isEqualTo(1);
    }

    @Test
    void anItemWithoutATitleIsRejectedWithoutRunningTheWorker() throws IOException {
        WorkerAgent roy = roy("touch ran");
        kit.publishWork("backend", Map.of("id", "REQ-005"));

        assertThat(roy.runTurn().rejected()).isEqualTo(1);
        assertThat(workspace.resolve("ran")).doesNotExist();
    }

    @Test
    void theTeamsAnnouncementsReachTheNextItemsPrompt() throws IOException {
        kit.provision("jen", "frontend");
        kit.publish("work.integration.api_ready", Map.of("endpoint", "/api/login"));
        WorkerAgent roy = roy("grep -q '/api/login' \"$AGENTKIT_SYSTEM_PROMPT_FILE\" && mkdir -p src/api && echo ok > src/api/x.py");
        kit.publishWork("backend", Map.of("id", "REQ-006", "title", "Use the login"));

        TurnReport report = roy.runTurn();

        assertThat(report.coordination()).isEqualTo(1);
        assertThat(report.done()).isEqualTo(1);
    }
}
