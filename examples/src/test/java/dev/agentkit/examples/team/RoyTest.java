package dev.agentkit.examples.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Headers;
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

/** How to unit-test an agent: Roy, on the in-memory broker, in a throwaway git workspace. */
@ExtendWith(AgentTestKitExtension.class)
class RoyTest {
    @TempDir
    Path workspace;

    private Roy roy(AgentTestKit kit) {
        kit.provision("roy", "backend");
        return new Roy(kit.runtime(), TeamSettings.of(Workspaces.init(workspace, "empty"), Path.of("agents")));
    }

    @Test
    void royImplementsARequirementCommitsItAndAnnouncesTheApi(AgentTestKit kit) throws Exception {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-001", "statement", "Add login endpoint",
                "files", List.of("src/api/login.py")));

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(1);
        assertThat(Files.readString(workspace.resolve("src/api/login.py"))).contains("def handle_login");
        assertThat(workspace.resolve("tests/api/test_login.py")).exists();
        assertThat(Workspaces.commitSubjects(workspace)).first().isEqualTo("REQ-001: Add login endpoint");
        assertThat(kit.published("work.integration.api_ready")).singleElement().satisfies(e -> {
            assertThat(e.json().path("endpoint").asText()).isEqualTo("/api/login");
            assertThat(e.json().path("method").asText()).isEqualTo("POST");
            assertThat(e.header(Headers.SENDER)).contains("roy");
        });
    }

    @Test
    void aRequirementOutsideRoysScopeIsRejectedIntoTheDeadLetters(AgentTestKit kit) {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-009", "statement", "Restyle the login form",
                "files", List.of("src/components/LoginForm.tsx")));

        TurnReport report = roy.runTurn();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(kit.deadLetterHeaders("roy", "REQ-009").get(Headers.DEAD_REASON)).contains("src/");
        assertThat(Workspaces.commitSubjects(workspace)).first().isEqualTo("empty");
    }

    @Test
    void aMigrationThatNeedsStagingKeepsFailingAndEndsInTheDeadLettersAfterThreeDeliveries(AgentTestKit kit) {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-004", "statement", "Migrate the users table",
                "tags", List.of("backend", "migration", "staging")));

        for (int turn = 0; turn < 3; turn++) {
            roy.runTurn();
            kit.advance(Duration.ofMinutes(10));
        }

        assertThat(kit.deadLetterHeaders("roy", "REQ-004"))
                .containsEntry(Headers.DELIVERY_COUNT, "3")
                .hasEntrySatisfying(Headers.DEAD_REASON, r -> assertThat(r).contains("staging database"));
        assertThat(roy.runTurn().pulled()).isZero();
    }

    @Test
    void aMigrationAsksInBackendAndRunsOnceAHumanApproves(AgentTestKit kit) throws Exception {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-005", "statement", "Add an index on sessions.user_id",
                "tags", List.of("backend", "migration")));

        roy.runTurn();
        assertThat(kit.posts("backend")).anySatisfy(p -> assertThat(p).startsWith("roy: APPROVAL REQ-005")
                .contains("migrates the production database", "approve REQ-005", "deny REQ-005 <reason>"));
        assertThat(workspace.resolve("src/models/migrations")).doesNotExist();

        kit.human("@douglas:localhost").say("backend", "approve REQ-005");
        TurnReport approved = roy.runTurn();

        assertThat(approved.done()).isEqualTo(1);
        assertThat(Files.readString(workspace.resolve("src/models/migrations/add-an-index-on-sessions-user-id.sql")))
                .contains("REQ-005");
        assertThat(Workspaces.commitSubjects(workspace)).first().isEqualTo("REQ-005: Add an index on sessions.user_id");
        assertThat(kit.posts("backend")).contains("roy: REQ-005 done: migration "
                + "src/models/migrations/add-an-index-on-sessions-user-id.sql ran, approved by @douglas:localhost");
    }

    @Test
    void aDeniedMigrationIsRejectedWithTheReason(AgentTestKit kit) {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-005", "statement", "Add an index on sessions.user_id",
                "tags", List.of("backend", "migration")));
        roy.runTurn();

        kit.human("@douglas:localhost").say("alerts", "deny REQ-005 not during the release freeze");
        TurnReport denied = roy.runTurn();

        assertThat(denied.rejected()).isEqualTo(1);
        assertThat(kit.deadLetterHeaders("roy", "REQ-005").get(Headers.DEAD_REASON))
                .isEqualTo("migration REQ-005 denied by @douglas:localhost: not during the release freeze");
        assertThat(Workspaces.commitSubjects(workspace)).first().isEqualTo("empty");
    }

    @Test
    void aRequirementPublishedAgainAfterTheDedupWindowIsNotDoneTwice(AgentTestKit kit) {
        Roy roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-001", "statement", "Add login endpoint"));
        roy.runTurn();
        kit.advance(Duration.ofMinutes(3));
        kit.publishWork("backend", Map.of("id", "REQ-001", "statement", "Add login endpoint"));

        TurnReport again = roy.runTurn();

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(Workspaces.commitSubjects(workspace)).filteredOn(s -> s.startsWith("REQ-001")).hasSize(1);
    }
}
