package dev.agentkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.RoutingDecision;
import dev.agentkit.routing.llm.LanguageModel;
import dev.agentkit.routing.llm.LanguageModelException;
import dev.agentkit.routing.llm.LanguageModelTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AiRouterTest {
    private static final Requirement LOGIN = new Requirement("REQ-001", "Add login endpoint",
            List.of("auth"), List.of("src/api/login.py"));

    private final List<String> prompts = new ArrayList<>();

    private AiRouter answering(String answer) {
        return routerOver((system, prompt) -> {
            prompts.add(system + "\n" + prompt);
            return answer;
        });
    }

    private static AiRouter routerOver(LanguageModel model) {
        return AiRouter.builder(model)
                .role("backend", "APIs, database and server-side logic")
                .role("frontend", "UI components and pages")
                .role("infra-ops", "deployment and CI")
                .build();
    }

    @Test
    void aKnownRoleIsAcceptedAndTheReasonQuotesTheAnswer() {
        RoutingDecision d = answering("backend").route(LOGIN).orElseThrow();

        assertThat(d.role()).isEqualTo("backend");
        assertThat(d.reason()).contains("language model answered 'backend'");
    }

    @Test
    void thePromptListsEveryRoleWithItsScopeAndTheRequirement() {
        answering("backend").route(LOGIN);

        assertThat(prompts).singleElement().asString()
                .contains("- backend: APIs, database and server-side logic")
                .contains("- frontend: UI components and pages")
                .contains("- infra-ops: deployment and CI")
                .contains("REQ-001: Add login endpoint")
                .contains("auth")
                .contains("src/api/login.py")
                .contains("role name only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Backend", "  backend\n", "backend.", "**backend**", "'Backend!'", "BACK END"})
    void answersAreAcceptedWhateverTheirCaseWhitespaceOrPunctuation(String answer) {
        assertThat(answering(answer).route(LOGIN)).map(RoutingDecision::role).contains("backend");
    }

    @Test
    void rolesWithPunctuationAreMatchedToo() {
        assertThat(answering("Infra Ops").route(LOGIN)).map(RoutingDecision::role).contains("infra-ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"database", "backend or frontend", "the backend team", "", "   ", "Roy"})
    void anAnswerThatIsNotExactlyOneKnownRoleIsDeclined(String answer) {
        assertThat(answering(answer).route(LOGIN)).isEmpty();
    }

    @Test
    void aTimeoutIsDeclined() {
        AiRouter router = routerOver((s, p) -> {
            throw new LanguageModelTimeoutException("no answer within PT10S");
        });

        assertThat(router.route(LOGIN)).isEmpty();
    }

    @Test
    void aFailureOrANullAnswerIsDeclined() {
        assertThat(routerOver((s, p) -> {
            throw new LanguageModelException("overloaded");
        }).route(LOGIN)).isEmpty();
        assertThat(routerOver((s, p) -> {
            throw new IllegalStateException("bug in the model adapter");
        }).route(LOGIN)).isEmpty();
        assertThat(routerOver((s, p) -> null).route(LOGIN)).isEmpty();
    }

    @Test
    void inAChainADeclineFallsBackToTheNextRouter() {
        ChainRouter chain = ChainRouter.builder()
                .then(answering("marketing"))
                .then(r -> Optional.of(new RoutingDecision("frontend", "second router")))
                .build();

        assertThat(chain.route(LOGIN)).map(RoutingDecision::reason).contains("second router");
    }

    @Test
    void rolesThatAnAnswerCannotTellApartAreRefused() {
        assertThatThrownBy(() -> AiRouter.builder((s, p) -> "x").role("front-end", "a").role("frontend", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("front-end");
        assertThatThrownBy(() -> AiRouter.builder((s, p) -> "x").role("backend", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend");
        assertThatThrownBy(() -> AiRouter.builder((s, p) -> "x").build()).isInstanceOf(IllegalStateException.class);
    }
}
