package dev.agentkit.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.agent.Scope;
import dev.agentkit.core.agent.ScopeDecision;
import dev.agentkit.core.agent.ScopeViolationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceTest {
    private static final String ROY = """
            # Agent: Roy
            ## Character
            You are Roy.
            ## Scope
            You own all code in:
            - /src/api/
            - /tests/api/
            You do NOT modify:
            - /src/api/generated/
            ## Tools Available
            - git
            ## Interfaces
            ### Input
            - work.requirements.backend
            ### Output
            - work.integration
            ## What I Refuse To Do
            - Commit out of scope
            """;

    @TempDir
    Path repo;
    GitCommand git;
    GitWorkspace workspace;

    @BeforeEach
    void aRepositoryWithOneCommit() throws Exception {
        git = new GitCommand(repo, Duration.ofSeconds(30));
        git.require("init", "--quiet");
        git.require("config", "user.name", "Test Agent");
        git.require("config", "user.email", "agent@example.invalid");
        git.require("config", "commit.gpgsign", "false");
        write("README.md", "hello\n");
        write("src/frontend/app.js", "app\n");
        git.require("add", "--all");
        git.require("commit", "--quiet", "-m", "initial");
        workspace = new GitWorkspace(Scope.of(AgentDefinition.parse(ROY, "roy.md"), repo), Duration.ofSeconds(30));
    }

    private void write(String path, String text) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String head() {
        return git.require("rev-parse", "HEAD").output().strip();
    }

    private List<String> filesIn(String commit) {
        return git.require("show", "--name-only", "--format=", commit).output().strip().lines().toList();
    }

    @Test
    void commitsTheNamedFilesInScopeWithTheRequirementMessage() throws Exception {
        write("src/api/login.py", "def login(): pass\n");
        write("tests/api/test_login.py", "def test_login(): pass\n");

        Optional<String> hash = workspace.commit("REQ-001", "Add login endpoint",
                List.of("src/api/login.py", "tests/api/test_login.py"));

        assertThat(hash).contains(head());
        assertThat(git.require("log", "-1", "--format=%s").output().strip()).isEqualTo("REQ-001: Add login endpoint");
        assertThat(filesIn("HEAD")).containsExactlyInAnyOrder("src/api/login.py", "tests/api/test_login.py");
    }

    @Test
    void aCommitTouchingAFileOutOfScopeIsRefusedNamingItAndNothingIsStaged() throws Exception {
        write("src/api/login.py", "x\n");
        write("src/frontend/app.js", "changed\n");
        write("src/api/generated/client.py", "gen\n");
        String before = head();

        assertThatThrownBy(() -> workspace.commit("REQ-001", "Add login endpoint",
                List.of("src/api/login.py", "src/frontend/app.js", "src/api/generated/client.py")))
                .isInstanceOfSatisfying(ScopeViolationException.class, e -> {
                    assertThat(e.refused()).extracting(ScopeDecision::path)
                            .containsExactly("src/frontend/app.js", "src/api/generated/client.py");
                    assertThat(e).hasMessageContaining("src/frontend/app.js: outside the paths Roy owns")
                            .hasMessageContaining("src/api/generated/client.py: inside /src/api/generated/");
                });

        assertThat(head()).isEqualTo(before);
        assertThat(git.require("diff", "--cached", "--name-only").output()).isEmpty();
    }

    @Test
    void otherStagedChangesStayOutOfTheCommit() throws Exception {
        write("src/frontend/app.js", "jen's change\n");
        git.require("add", "src/frontend/app.js");
        write("src/api/login.py", "x\n");

        workspace.commit("REQ-002", "Add login", List.of("src/api/login.py"));

        assertThat(filesIn("HEAD")).containsExactly("src/api/login.py");
        assertThat(git.require("diff", "--cached", "--name-only").output().strip()).isEqualTo("src/frontend/app.js");
    }

    @Test
    void commitChangesCommitsEveryChangeWhenAllIsInScope() throws Exception {
        write("src/api/login.py", "x\n");
        write("src/api/deep/new/module.py", "y\n");

        Optional<String> hash = workspace.commitChanges("REQ-003", "Add login module");

        assertThat(hash).isPresent();
        assertThat(filesIn("HEAD")).containsExactlyInAnyOrder("src/api/login.py", "src/api/deep/new/module.py");
        assertThat(workspace.changedPaths()).isEmpty();
    }

    @Test
    void commitChangesRefusesWhenAnyChangeIsOutOfScope() throws Exception {
        write("src/api/login.py", "x\n");
        Files.delete(repo.resolve("README.md"));
        String before = head();

        assertThatThrownBy(() -> workspace.commitChanges("REQ-004", "Tidy up"))
                .isInstanceOf(ScopeViolationException.class).hasMessageContaining("README.md");
        assertThat(head()).isEqualTo(before);
    }

    @Test
    void deletionsAndRenamesInScopeAreCommitted() throws Exception {
        write("src/api/old.py", "x\n");
        workspace.commit("REQ-005", "Add old", List.of("src/api/old.py"));
        git.require("mv", "src/api/old.py", "src/api/new.py");

        assertThat(workspace.changedPaths()).containsExactlyInAnyOrder("src/api/new.py", "src/api/old.py");
        workspace.commitChanges("REQ-006", "Rename old to new");

        assertThat(repo.resolve("src/api/old.py")).doesNotExist();
        assertThat(git.require("ls-files", "src/api").output().strip()).isEqualTo("src/api/new.py");
    }

    @Test
    void nothingToCommitGivesNoCommit() throws Exception {
        write("src/api/login.py", "x\n");
        workspace.commit("REQ-007", "Add login", List.of("src/api/login.py"));
        String before = head();

        assertThat(workspace.commitChanges("REQ-008", "Nothing")).isEmpty();
        assertThat(workspace.commit("REQ-008", "Nothing", List.of("src/api/login.py"))).isEmpty();
        assertThat(head()).isEqualTo(before);
    }

    @Test
    void aPathNeitherOnDiskNorKnownToGitIsAnError() {
        assertThatThrownBy(() -> workspace.commit("REQ-009", "Typo", List.of("src/api/logn.py")))
                .isInstanceOf(GitException.class).hasMessageContaining("[src/api/logn.py]")
                .hasMessageContaining("neither on disk nor known to git");
    }

    @Test
    void anAbsolutePathInsideTheRepositoryIsCommittedByItsRelativeName() throws Exception {
        write("src/api/abs.py", "x\n");

        workspace.commit("REQ-010", "Add abs", List.of(repo.resolve("src/api/abs.py").toString()));

        assertThat(filesIn("HEAD")).containsExactly("src/api/abs.py");
    }

    /**
     * Issue 15, scenario 10: a named path was a pathspec pattern, so {@code git add --all -- src/api/gen*}
     * staged and committed the denied {@code src/api/generated/client.py} as well.
     */
    @Test
    void aPathThatLooksLikeAPatternIsCommittedAsTheOneFileItNames() throws Exception {
        write("src/api/generated/client.py", "generated\n");
        git.require("add", "src/api/generated/client.py");
        git.require("commit", "--quiet", "-m", "generated client");
        write("src/api/generated/client.py", "changed, out of scope\n");
        write("src/api/gen*", "a file named gen-star\n");
        write("src/api/login?.py", "a file named login?\n");
        write("src/api/login1.py", "x\n");

        workspace.commit("REQ-011", "Add the oddly named files", List.of("src/api/gen*", "src/api/login?.py"));

        assertThat(filesIn("HEAD")).containsExactlyInAnyOrder("src/api/gen*", "src/api/login?.py");
        assertThat(git.require("diff", "--cached", "--name-only").output()).isEmpty();
        assertThat(workspace.changedPaths()).containsExactlyInAnyOrder("src/api/login1.py", "src/api/generated/client.py");
    }

    @Test
    void aDeletionOfAFileNamedLikeAPatternRemovesOnlyThatFile() throws Exception {
        write("src/api/*", "star\n");
        write("src/api/keep.py", "keep\n");
        workspace.commit("REQ-012", "Add star and keep", List.of("src/api/*", "src/api/keep.py"));
        Files.delete(repo.resolve("src/api/*"));
        git.require("add", "--all");

        workspace.commit("REQ-013", "Remove star", List.of("src/api/*"));

        assertThat(git.require("ls-files").output().lines()).contains("src/api/keep.py").doesNotContain("src/api/*");
    }

    @Test
    void theMessageIsOneRequirementAndOneLine() {
        assertThat(GitWorkspace.message("REQ-001", " Add login endpoint ")).isEqualTo("REQ-001: Add login endpoint");
        assertThatThrownBy(() -> GitWorkspace.message("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitWorkspace.message("REQ 1", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitWorkspace.message("REQ-1", "two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitWorkspace.message("REQ-1", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkspaceMustBeTheTopOfARepository(@TempDir Path plain) throws Exception {
        Scope sub = Scope.of(AgentDefinition.parse(ROY, "roy.md"), Files.createDirectories(repo.resolve("src")));
        Scope none = Scope.of(AgentDefinition.parse(ROY, "roy.md"), plain);

        assertThatThrownBy(() -> new GitWorkspace(sub)).isInstanceOf(GitException.class)
                .hasMessageContaining("not the top of its git repository");
        assertThatThrownBy(() -> new GitWorkspace(none)).isInstanceOf(GitException.class)
                .hasMessageContaining("rev-parse");
    }
}
