package dev.agentkit.routing;

import static dev.agentkit.routing.Requirements.touching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.routing.RoutingDecision;
import org.junit.jupiter.api.Test;

class FileRouterTest {
    private final FileRouter router = FileRouter.builder()
            .prefix("src/api/", "backend")
            .prefix("src/api/admin", "security")
            .prefix("src/frontend/", "frontend")
            .glob("**/*.tsx", "frontend")
            .glob("deploy/**", "infrastructure")
            .glob("**/Dockerfile", "infrastructure")
            .build();

    @Test
    void aPrefixRuleDecidesAndTheReasonNamesTheFileAndTheRule() {
        RoutingDecision d = router.route(touching("src/api/login.py")).orElseThrow();

        assertThat(d.role()).isEqualTo("backend");
        assertThat(d.reason()).contains("file src/api/login.py").contains("prefix 'src/api/'");
    }

    @Test
    void theLongestMatchWins() {
        RoutingDecision d = router.route(touching("src/api/admin/users.py")).orElseThrow();

        assertThat(d.role()).isEqualTo("security");
        assertThat(d.reason()).contains("src/api/admin").contains("longest of 2 matches");
    }

    @Test
    void theLongestMatchWinsAcrossTheFilesOfARequirement() {
        RoutingDecision d = router.route(touching("src/api/login.py", "src/api/admin/roles.py")).orElseThrow();

        assertThat(d.role()).isEqualTo("security");
        assertThat(d.reason()).contains("file src/api/admin/roles.py");
    }

    @Test
    void aPrefixMatchesWholeDirectoriesOnly() {
        assertThat(router.route(touching("src/apiary/bees.py"))).isEmpty();
        assertThat(router.route(touching("src/api")).orElseThrow().role()).isEqualTo("backend");
    }

    @Test
    void globsMatchWithinAndAcrossDirectories() {
        assertThat(router.route(touching("src/web/Button.tsx")).orElseThrow().role()).isEqualTo("frontend");
        assertThat(router.route(touching("Button.tsx")).orElseThrow().role()).isEqualTo("frontend");
        assertThat(router.route(touching("deploy/k8s/app.yaml")).orElseThrow().role()).isEqualTo("infrastructure");
        assertThat(router.route(touching("services/api/Dockerfile")).orElseThrow().role()).isEqualTo("infrastructure");
        assertThat(router.route(touching("Dockerfile.old"))).isEmpty();
    }

    @Test
    void pathsAreNormalised() {
        assertThat(router.route(touching("./src/api/login.py")).orElseThrow().role()).isEqualTo("backend");
        assertThat(router.route(touching("src\\api\\login.py")).orElseThrow().role()).isEqualTo("backend");
    }

    @Test
    void globsSupportSingleCharactersAndAlternatives() {
        PathPattern p = PathPattern.glob("src/{api,web}/v?/*.py");

        assertThat(p.matches("src/api/v1/x.py")).isTrue();
        assertThat(p.matches("src/web/v2/y.py")).isTrue();
        assertThat(p.matches("src/db/v1/x.py")).isFalse();
        assertThat(p.matches("src/api/v10/x.py")).isFalse();
        assertThat(p.matches("src/api/v1/deep/x.py")).isFalse();
    }

    @Test
    void withoutAMatchItDeclinesOrUsesTheDefault() {
        assertThat(router.route(touching("README.md"))).isEmpty();
        assertThat(router.route(touching())).isEmpty();

        FileRouter withDefault = FileRouter.builder().prefix("src/api", "backend").defaultRole("backend").build();
        assertThat(withDefault.route(touching()).orElseThrow().reason()).contains("no files listed");
        assertThat(withDefault.route(touching("README.md")).orElseThrow().reason()).contains("README.md");
    }

    @Test
    void badPatternsAreRefused() {
        assertThatThrownBy(() -> PathPattern.prefix("../outside")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../outside");
        assertThatThrownBy(() -> PathPattern.glob("src/{api")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src/{api");
        assertThatThrownBy(() -> FileRouter.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
