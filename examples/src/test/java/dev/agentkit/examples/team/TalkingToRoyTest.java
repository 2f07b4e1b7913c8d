package dev.agentkit.examples.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.Human;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Humans and workers: how to test an agent's chat with the kit's humans, and an agent that runs a command. */
@ExtendWith(AgentTestKitExtension.class)
class TalkingToRoyTest {
    @TempDir
    Path workspace;

    @Test
    void aHumanWhoAsksRoyGetsAnAnswerInTheRoom(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Roy roy = new Roy(kit.runtime(), TeamSettings.of(Workspaces.init(workspace, "empty"), Path.of("agents")));
        Human douglas = kit.human("@douglas:localhost");
        Human mallory = kit.stranger("@mallory:localhost");
        kit.publishWork("backend", Map.of("id", "REQ-001", "statement", "Add login endpoint"));
        roy.runTurn();

        douglas.say(Rooms.BACKEND, "roy: what have you finished?");
        mallory.say(Rooms.BACKEND, "roy: what have you finished?");
        roy.runTurn();

        assertThat(kit.posts(Rooms.BACKEND)).filteredOn(t -> t.startsWith("roy: finished so far"))
                .as("one answer: the stranger is not answered").singleElement().asString().contains("REQ-001");
    }

    @Test
    void withAWorkerCommandTheAgentRunsItAndCommitsWhatItWrote(AgentTestKit kit) throws Exception {
        kit.provision("moss", "infra");
        TeamSettings settings = TeamSettings.of(Workspaces.init(workspace, "empty"), Path.of("agents"))
                .withWorkerCommand(List.of("sh", "-c", "mkdir -p infra && cat \"$AGENTKIT_REQUIREMENT_FILE\" > infra/request.json"));
        Moss moss = new Moss(kit.runtime(), settings);
        kit.publishWork("infra", Map.of("id", "REQ-003", "statement", "CI pipeline", "files", List.of("infra/ci.yml")));

        assertThat(moss.runTurn().done()).isEqualTo(1);

        assertThat(Files.readString(workspace.resolve("infra/request.json"))).contains("REQ-003");
        assertThat(Workspaces.commitSubjects(workspace)).first().isEqualTo("REQ-003: CI pipeline");
        assertThat(kit.published("work.integration.infra_ready")).hasSize(1);
    }
}
