package dev.agentkit.examples.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The API handoff, turn by turn: Jen waits for Roy's endpoint, asks him a question, and builds against it. */
@ExtendWith(AgentTestKitExtension.class)
class JenTest {
    @TempDir
    Path workspace;

    @Test
    void jenAsksRoyAndBuildsAgainstTheAnnouncedApi(AgentTestKit kit) throws Exception {
        TeamSettings settings = TeamSettings.of(Workspaces.init(workspace, "empty"), Path.of("agents"));
        kit.provision("roy", "backend").provision("jen", "frontend");
        Roy roy = new Roy(kit.runtime(), settings);
        Jen jen = new Jen(kit.runtime(), settings);
        kit.publishWork("frontend", Map.of("id", "REQ-002", "statement", "Login form for /api/login",
                "files", List.of("src/components/LoginForm.tsx")));
        kit.publishWork("backend", Map.of("id", "REQ-001", "statement", "Add login endpoint",
                "files", List.of("src/api/login.py")));

        TurnReport jenFirst = jen.runTurn();
        assertThat(jenFirst.retried()).as("no API yet: she asks and waits").isEqualTo(1);
        assertThat(kit.published("work.direct.roy")).singleElement()
                .satisfies(q -> assertThat(q.json().path("text").asText()).contains("/api/login"));

        TurnReport royTurn = roy.runTurn();
        assertThat(royTurn.done()).isEqualTo(1);
        assertThat(royTurn.directMessages()).as("answers jen's question").isEqualTo(1);

        kit.advance(Duration.ofMinutes(10));
        TurnReport jenSecond = jen.runTurn();
        assertThat(jenSecond.directMessages()).as("roy's answer").isEqualTo(1);
        assertThat(jenSecond.done()).isEqualTo(1);
        String component = Files.readString(workspace.resolve("src/components/LoginForm.tsx"));
        assertThat(component).contains("fetch('/api/login'").contains("POST").contains("HTTP 400");
        assertThat(Workspaces.commitSubjects(workspace)).contains("REQ-002: Login form for /api/login", "REQ-001: Add login endpoint");
    }
}
