package dev.agentkit.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.agent.ScopeDecision.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeTest {
    @TempDir
    Path root;
    @TempDir
    Path elsewhere;
    Scope scope;

    @BeforeEach
    void ownSrcButNotItsFrontend() throws Exception {
        Files.createDirectories(root.resolve("src/frontend"));
        Files.createDirectories(root.resolve("src/api"));
        Files.createDirectories(root.resolve("docs"));
        scope = Scope.of(AgentDefinition.parse(Sheets.COMPLETE, "ada.md"), root);
    }

    @Test
    void aPathUnderAnOwnedPathIsAllowed() {
        ScopeDecision d = scope.check("src/api/login.py");

        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo("owned by Ada through /src/");
        assertThat(scope.check("tests/unit/new/dir/test_x.py").allowed()).isTrue();
    }

    @Test
    void aPathOutsideTheOwnedPathsIsRefusedAsNotOwned() {
        ScopeDecision d = scope.check("docs/readme.md");

        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OWNED);
        assertThat(d.reason()).contains("outside the paths Ada owns", "/src/", "/tests/unit/");
        assertThat(scope.check("tests/e2e/x.js").verdict()).isEqualTo(Verdict.NOT_OWNED);
        assertThat(scope.check("srcx/a").verdict()).isEqualTo(Verdict.NOT_OWNED);
        assertThat(scope.check("").verdict()).isEqualTo(Verdict.NOT_OWNED);
    }

    @Test
    void aDeniedPathWinsOverTheOwnedPathAroundIt() {
        ScopeDecision d = scope.check("src/frontend/app.js");

        assertThat(d.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(d.reason()).isEqualTo("inside /src/frontend/, which Ada must not modify (someone else's)");
    }

    @Test
    void dotDotThatClimbsOutOfTheWorkspaceIsRefused() {
        assertThat(scope.check("../outside.txt").verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
        assertThat(scope.check("src/../../outside.txt").verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
        assertThat(scope.check("src/api/../../../etc/passwd").reason()).contains("escapes the workspace");
    }

    @Test
    void dotDotThatStaysInsideIsNormalisedBeforeTheRulesApply() {
        assertThat(scope.check("docs/../src/api/x.py").allowed()).isTrue();
        assertThat(scope.check("src/api/../frontend/x.js").verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void anAbsolutePathIsAllowedOnlyInsideTheWorkspace() {
        assertThat(scope.check(root.resolve("src/api/a.py")).allowed()).isTrue();
        assertThat(scope.check(elsewhere.resolve("src/api/a.py")).verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
        assertThat(scope.check("/etc/passwd").verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
    }

    @Test
    void aSymlinkInsideAnOwnedPathThatPointsOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("src/api/out"), elsewhere);
        Files.createSymbolicLink(root.resolve("src/api/passwd"), Path.of("/etc/passwd"));

        ScopeDecision d = scope.check("src/api/out/new-file.py");
        assertThat(d.verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
        assertThat(d.reason()).contains("symbolic links lead to");
        assertThat(scope.check("src/api/passwd").verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
    }

    @Test
    void aSymlinkIntoADeniedPathIsRefusedAsDenied() throws Exception {
        Files.createSymbolicLink(root.resolve("src/api/ui"), root.resolve("src/frontend"));

        ScopeDecision d = scope.check("src/api/ui/app.js");

        assertThat(d.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(d.reason()).contains("through a symbolic link to src/frontend/app.js");
    }

    @Test
    void aSymlinkFromAnOwnedPathToAnUnownedOneIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("src/api/docs"), Path.of("../../docs"));

        assertThat(scope.check("src/api/docs/readme.md").verdict()).isEqualTo(Verdict.NOT_OWNED);
    }

    @Test
    void aSymlinkBetweenOwnedPathsIsAllowed() throws Exception {
        Files.createSymbolicLink(root.resolve("src/latest"), Path.of("api"));

        assertThat(scope.check("src/latest/a.py").allowed()).isTrue();
    }

    @Test
    void aDanglingSymlinkIsRefusedBecauseItsTargetCannotBeChecked() throws Exception {
        Files.createSymbolicLink(root.resolve("src/api/later"), elsewhere.resolve("not-yet"));

        ScopeDecision d = scope.check("src/api/later");

        assertThat(d.verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
        assertThat(d.reason()).contains("does not exist");
    }

    @Test
    void requireAllowedNamesEveryRefusedPath() {
        assertThatThrownBy(() -> scope.requireAllowed(List.of("src/api/a.py", "docs/x.md", "src/frontend/y.js")))
                .isInstanceOfSatisfying(ScopeViolationException.class, e -> {
                    assertThat(e.refused()).extracting(ScopeDecision::path).containsExactly("docs/x.md", "src/frontend/y.js");
                    assertThat(e).hasMessageStartingWith("Ada may not write 2 path(s): docs/x.md: outside");
                });
        scope.requireAllowed(List.of("src/api/a.py"));
    }

    @Test
    void aSheetThatOwnsTheRootOwnsEverythingButItsDeniedPaths() {
        Scope all = Scope.of(AgentDefinition.parse(Sheets.replace("Scope",
                "You own all code in:\n- /\n\nYou do NOT modify:\n- /secrets/\n\n"), "all.md"), root);

        assertThat(all.check("docs/a.md").allowed()).isTrue();
        assertThat(all.check("secrets/key").verdict()).isEqualTo(Verdict.DENIED);
        assertThat(all.check("../x").verdict()).isEqualTo(Verdict.ESCAPES_WORKSPACE);
    }

    @Test
    void aSheetPathThatIsNoPathIsRejectedAsAnAgentkitException() {
        AgentDefinition bad = AgentDefinition.parse(Sheets.replace("Scope", "You own all code in:\n- /src/a\u0000b/\n\n"), "bad.md");

        assertThatThrownBy(() -> Scope.of(bad, root)).isInstanceOf(AgentkitException.class)
                .hasMessageContaining("bad.md").hasMessageContaining("is no path");
    }

    @Test
    void aSheetPathThatLeavesTheWorkspaceIsRejected() {
        AgentDefinition bad = AgentDefinition.parse(Sheets.replace("Scope", "You own all code in:\n- /../up/\n\n"), "bad.md");

        assertThatThrownBy(() -> Scope.of(bad, root)).isInstanceOf(AgentkitException.class)
                .hasMessageContaining("'/../up/'").hasMessageContaining("bad.md");
    }

    @Test
    void aMissingWorkspaceRootIsRejected() {
        assertThatThrownBy(() -> Scope.of(AgentDefinition.parse(Sheets.COMPLETE, "ada.md"), root.resolve("nope")))
                .isInstanceOf(AgentkitException.class).hasMessageContaining("does not exist");
    }
}
