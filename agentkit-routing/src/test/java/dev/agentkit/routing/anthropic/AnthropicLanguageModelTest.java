package dev.agentkit.routing.anthropic;

import static dev.agentkit.routing.anthropic.ScriptedAnthropicServer.Reply.error;
import static dev.agentkit.routing.anthropic.ScriptedAnthropicServer.Reply.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.routing.llm.LanguageModelException;
import dev.agentkit.routing.llm.LanguageModelTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicLanguageModelTest {
    private static final String KEY = "sk-ant-test-0123456789-SECRET";

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private ScriptedAnthropicServer server;
    private CapturedLogs logs;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedAnthropicServer();
        logs = new CapturedLogs();
    }

    @AfterEach
    void stop() {
        try {
            assertThat(logs.lines()).as("no log line carries the key").noneMatch(l -> l.contains(KEY));
        } finally {
            logs.close();
            server.close();
        }
    }

    private AnthropicConfig.Builder config() {
        return AnthropicConfig.builder().apiKey(KEY).baseUrl(server.baseUrl()).model("claude-test")
                .maxTokens(50).timeout(Duration.ofSeconds(5)).maxAttempts(3)
                .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10))
                .sleeper(waits::add);
    }

    private AnthropicLanguageModel model() {
        return AnthropicLanguageModel.of(config().build());
    }

    @Test
    void aRequestHasTheDocumentedHeadersAndBodyAndTheAnswerIsTheFirstTextBlock() {
        server.enqueue(ok("backend"));

        String answer = model().complete("You route work.", "Which role?");

        assertThat(answer).isEqualTo("backend");
        ScriptedAnthropicServer.Recorded r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.header("x-api-key")).isEqualTo(KEY);
        assertThat(r.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonNode body = Json.tryRead(r.body().getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("system").asText()).isEqualTo("You route work.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Which role?");
        assertThat(waits).isEmpty();
    }

    @Test
    void aRateLimitIsRetriedAfterTheRetryAfterTheServerAsks() {
        server.enqueue(error(429, "rate_limit_error", "Number of requests has exceeded your rate limit")
                .withHeader("retry-after", "3"), ok("frontend"));

        assertThat(model().complete("s", "p")).isEqualTo("frontend");
        assertThat(server.requests()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void withoutRetryAfterTheBackoffDoublesUpToTheLimit() {
        server.enqueue(error(429, "rate_limit_error", "slow down"), error(503, "api_error", "unavailable"),
                error(500, "api_error", "internal"), ok("backend"));
        AnthropicLanguageModel model = AnthropicLanguageModel.of(config().maxAttempts(4)
                .maxBackoff(Duration.ofMillis(3000)).build());

        assertThat(model.complete("s", "p")).isEqualTo("backend");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void overloadOnEveryAttemptEndsInATypedExceptionAfterTheLastAttempt() {
        server.enqueue(error(529, "overloaded_error", "Overloaded"), error(529, "overloaded_error", "Overloaded"),
                error(529, "overloaded_error", "Overloaded"), ok("never reached"));

        AnthropicApiException e = catchThrowableOfType(() -> model().complete("s", "p"), AnthropicApiException.class);

        assertThat(e.status()).isEqualTo(529);
        assertThat(e.errorType()).isEqualTo("overloaded_error");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.requestId()).contains("req_529");
        assertThat(e).hasMessageContaining("529 overloaded_error: Overloaded").hasMessageContaining("attempt 3 of 3");
        assertThat(server.requests()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void anInvalidRequestIsNotRetried() {
        server.enqueue(error(400, "invalid_request_error", "max_tokens: field required"), ok("never"));

        AnthropicApiException e = catchThrowableOfType(() -> model().complete("s", "p"), AnthropicApiException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("invalid_request_error");
        assertThat(e).hasMessageContaining("max_tokens: field required");
        assertThat(server.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anAuthenticationErrorIsNotRetriedAndNeverShowsTheKeyEvenWhenTheServerEchoesIt() {
        server.enqueue(error(401, "authentication_error", "invalid x-api-key " + KEY));

        AnthropicApiException e = catchThrowableOfType(() -> model().complete("s", "p"), AnthropicApiException.class);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorType()).isEqualTo("authentication_error");
        assertThat(e.getMessage()).contains("invalid x-api-key ***").doesNotContain(KEY);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aSlowAnswerHitsTheTimeoutAndIsNotRetried() {
        server.enqueue(ScriptedAnthropicServer.Reply.stalled(), ok("too late"));
        AnthropicLanguageModel model = AnthropicLanguageModel.of(config().timeout(Duration.ofMillis(300)).build());

        LanguageModelTimeoutException e = catchThrowableOfType(() -> model.complete("s", "p"),
                LanguageModelTimeoutException.class);

        assertThat(e).hasMessageContaining("claude-test").hasMessageContaining("PT0.3S").hasMessageNotContaining(KEY);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanTheLimitEndsTheRetries() {
        server.enqueue(error(429, "rate_limit_error", "later").withHeader("retry-after", "60"), ok("never"));

        AnthropicApiException e = catchThrowableOfType(() -> model().complete("s", "p"), AnthropicApiException.class);

        assertThat(e.status()).isEqualTo(429);
        assertThat(e).hasMessageContaining("PT1M");
        assertThat(waits).isEmpty();
    }

    @Test
    void anErrorBodyThatIsNotTheApisShapeIsStillATypedException() {
        server.enqueue(new ScriptedAnthropicServer.Reply(502, "<html>bad gateway</html>", java.util.Map.of(), false));

        AnthropicApiException e = catchThrowableOfType(() -> model().complete("s", "p"), AnthropicApiException.class);

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.errorType()).isEqualTo("unknown");
        assertThat(e).hasMessageContaining("bad gateway");
    }

    @Test
    void anAnswerWithoutATextBlockIsALanguageModelException() {
        server.enqueue(new ScriptedAnthropicServer.Reply(200, "{\"content\":[]}", java.util.Map.of(), false));

        assertThatThrownBy(() -> model().complete("s", "p")).isInstanceOf(LanguageModelException.class)
                .hasMessageContaining("without a text block");
    }

    @Test
    void anUnreachableServerIsALanguageModelExceptionWithoutTheKey() {
        String url = server.baseUrl();
        server.close();
        AnthropicLanguageModel model = AnthropicLanguageModel.of(config().baseUrl(url).build());

        assertThatThrownBy(() -> model.complete("s", "p")).isInstanceOf(LanguageModelException.class)
                .hasMessageContaining(url).hasMessageNotContaining(KEY);
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenNotGiven() {
        server.enqueue(ok("backend"));
        AnthropicConfig fromEnv = AnthropicConfig.builder().baseUrl(server.baseUrl())
                .environment(name -> name.equals("ANTHROPIC_API_KEY") ? KEY : null).build();

        AnthropicLanguageModel.of(fromEnv).complete("s", "p");

        assertThat(server.requests().get(0).header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void withoutAKeyTheConfigurationFailsNamingTheVariable() {
        assertThatThrownBy(() -> AnthropicConfig.builder().environment(name -> null).build())
                .isInstanceOf(LanguageModelException.class).hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void neitherTheConfigurationNorTheModelShowsTheKey() {
        AnthropicLanguageModel model = model();

        assertThat(model.toString()).contains("claude-test").doesNotContain(KEY);
        assertThat(model.config().toString()).contains("claude-test").doesNotContain(KEY);
    }

    @Test
    void badSettingsAreRefusedAtOnce() {
        assertThatThrownBy(() -> AnthropicConfig.builder().baseUrl("localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost:8080");
        assertThatThrownBy(() -> AnthropicConfig.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnthropicConfig.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnthropicConfig.builder().apiKey(KEY).initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofSeconds(1)).build()).isInstanceOf(IllegalStateException.class);
    }
}
