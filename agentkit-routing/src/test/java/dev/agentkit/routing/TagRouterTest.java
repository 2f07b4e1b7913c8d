package dev.agentkit.routing;

import static dev.agentkit.routing.Requirements.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.routing.RoutingDecision;
import org.junit.jupiter.api.Test;

class TagRouterTest {
    private final TagRouter router = TagRouter.builder()
            .rule("api", "backend")
            .rule("ui", "frontend")
            .rule("deploy", "infrastructure")
            .build();

    @Test
    void aMatchingTagDecidesAndTheReasonNamesTheRule() {
        RoutingDecision d = router.route(tagged("ui")).orElseThrow();

        assertThat(d.role()).isEqualTo("frontend");
        assertThat(d.reason()).contains("tag rule 2 of 3").contains("#ui -> frontend");
    }

    @Test
    void theFirstRuleInTheStatedOrderWinsWhateverTheOrderOfTheTags() {
        assertThat(router.route(tagged("deploy", "ui", "api")).orElseThrow().role()).isEqualTo("backend");
    }

    @Test
    void tagsCompareWithoutCaseOrHash() {
        assertThat(router.route(tagged("#API")).orElseThrow().role()).isEqualTo("backend");
    }

    @Test
    void withoutAMatchAndWithoutADefaultItDeclines() {
        assertThat(router.route(tagged("docs"))).isEmpty();
        assertThat(router.route(tagged())).isEmpty();
    }

    @Test
    void withoutAMatchItUsesTheDefaultAndSaysSo() {
        TagRouter withDefault = TagRouter.builder().rule("api", "backend").defaultRole("general").build();

        RoutingDecision d = withDefault.route(tagged("docs")).orElseThrow();

        assertThat(d.role()).isEqualTo("general");
        assertThat(d.reason()).contains("no tag rule matched").contains("docs").contains("default");
    }

    @Test
    void aRuleForATagAlreadyRoutedIsRefused() {
        assertThatThrownBy(() -> TagRouter.builder().rule("api", "backend").rule("#API", "frontend"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#api").hasMessageContaining("backend");
    }

    @Test
    void invalidRolesAndEmptyRoutersAreRefused() {
        assertThatThrownBy(() -> TagRouter.builder().rule("api", "Back End"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Back End");
        assertThatThrownBy(() -> TagRouter.builder().rule("two words", "backend"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagRouter.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
