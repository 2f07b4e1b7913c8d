package dev.agentkit.routing;

import static dev.agentkit.routing.Requirements.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainRouterTest {
    private final TagRouter byTag = TagRouter.builder().rule("api", "backend").build();
    private final FileRouter byFile = FileRouter.builder().prefix("src/frontend", "frontend").build();

    @Test
    void theFirstRouterThatDecidesWinsAndItsReasonIsKept() {
        ChainRouter chain = ChainRouter.of(byTag, byFile);
        Requirement both = new Requirement("REQ-003", "s", List.of("api"), List.of("src/frontend/App.tsx"));

        RoutingDecision d = chain.route(both).orElseThrow();

        assertThat(d.role()).isEqualTo("backend");
        assertThat(d.reason()).contains("#api");
    }

    @Test
    void aDeclineFallsThroughToTheNextRouter() {
        ChainRouter chain = ChainRouter.of(byTag, byFile);
        Requirement ui = new Requirement("REQ-004", "s", List.of("ui"), List.of("src/frontend/App.tsx"));

        assertThat(chain.route(ui).orElseThrow().reason()).contains("file src/frontend/App.tsx");
    }

    @Test
    void whenAllDeclineTheDefaultDecidesAndSaysSo() {
        ChainRouter chain = ChainRouter.builder().then(byTag).then(byFile).defaultRole("general").build();

        RoutingDecision d = chain.route(tagged("docs")).orElseThrow();

        assertThat(d.role()).isEqualTo("general");
        assertThat(d.reason()).contains("all 2 routers declined").contains("default");
    }

    @Test
    void whenAllDeclineWithoutADefaultTheChainDeclines() {
        assertThat(ChainRouter.of(byTag, byFile).route(tagged("docs"))).isEmpty();
    }

    @Test
    void aRouterThatThrowsCountsAsDeclining() {
        Router broken = r -> {
            throw new IllegalStateException("broken");
        };
        Router nullish = r -> null;

        ChainRouter chain = ChainRouter.of(broken, nullish, byTag);

        assertThat(chain.route(tagged("api"))).map(RoutingDecision::role).contains("backend");
    }

    @Test
    void aChainWithOnlyADefaultAlwaysDecides() {
        ChainRouter chain = ChainRouter.builder().defaultRole("backend").build();

        assertThat(chain.route(tagged())).map(RoutingDecision::role).contains("backend");
    }
}
