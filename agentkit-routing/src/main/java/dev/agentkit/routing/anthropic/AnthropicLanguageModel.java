package dev.agentkit.routing.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.routing.llm.LanguageModel;
import dev.agentkit.routing.llm.LanguageModelException;
import dev.agentkit.routing.llm.LanguageModelTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LanguageModel} over the Anthropic Messages API ({@code POST /v1/messages}) on
 * {@code java.net.http}, for {@code AiRouter} and anyone who needs one answer from Claude. It
 * sends the system prompt and one user message and returns the text of the answer's first text
 * block.
 *
 * <p>Errors: the API's error body {@code {"type":"error","error":{"type":...,"message":...}}}
 * becomes an {@link AnthropicApiException} with the status and error type; rate limits (429),
 * overload (529) and server errors (500, 503) are retried with backoff as {@link AnthropicConfig}
 * describes; a request that outlives the timeout throws {@link LanguageModelTimeoutException}.
 * The API key goes only into the {@code x-api-key} header: it is never logged, and any text of
 * the server's that is put in an exception has it masked.
 *
 * <pre>{@code
 * LanguageModel claude = AnthropicLanguageModel.of(AnthropicConfig.builder()
 *         .model("claude-sonnet-4-5").timeout(Duration.ofSeconds(20)).build());
 * }</pre>
 *
 * Thread-safe: one instance may serve many threads.
 */
public final class AnthropicLanguageModel implements LanguageModel {
    /** The API version this adapter speaks. */
    public static final String API_VERSION = "2023-06-01";
    private static final Logger log = LoggerFactory.getLogger(AnthropicLanguageModel.class);
    private static final int DETAIL_LIMIT = 300;

    private final AnthropicConfig config;
    private final URI endpoint;
    private final HttpClient http;

    private AnthropicLanguageModel(AnthropicConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoint = URI.create(config.baseUrl() + "/v1/messages");
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A model configured by {@code config}. */
    public static AnthropicLanguageModel of(AnthropicConfig config) {
        return new AnthropicLanguageModel(config);
    }

    /** A model with the defaults, its key from {@value AnthropicConfig#API_KEY_ENV}. */
    public static AnthropicLanguageModel fromEnvironment() {
        return of(AnthropicConfig.ofDefaults());
    }

    @Override
    public String complete(String system, String prompt) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        String body = Json.writeString(Map.of(
                "model", config.model(),
                "max_tokens", config.maxTokens(),
                "system", system,
                "messages", List.of(Map.of("role", "user", "content", prompt))));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(body, attempt);
            if (response.statusCode() == 200) {
                return text(response);
            }
            AnthropicApiException error = error(response, attempt);
            if (!error.isRetryable() || attempt >= config.maxAttempts()) {
                throw error;
            }
            Duration wait = wait(response, attempt);
            if (wait.compareTo(config.maxBackoff()) > 0) {
                throw new AnthropicApiException(error.getMessage() + "; not retried: the server asks to wait "
                        + wait + ", longer than maxBackoff " + config.maxBackoff(),
                        error.status(), error.errorType(), error.requestId().orElse(null));
            }
            log.warn("Anthropic {} answered {} {}; attempt {} of {}, retrying in {}", config.model(),
                    error.status(), error.errorType(), attempt, config.maxAttempts(), wait);
            config.sleeper().sleep(wait);
        }
    }

    private HttpResponse<String> send(String body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("x-api-key", config.apiKey())
                .header("anthropic-version", API_VERSION)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        log.debug("POST {} model={} attempt {} of {}", endpoint, config.model(), attempt, config.maxAttempts());
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new LanguageModelTimeoutException("Anthropic " + config.model() + " did not answer within "
                    + config.timeout() + " (attempt " + attempt + " of " + config.maxAttempts() + ")", e);
        } catch (IOException e) {
            throw new LanguageModelException("cannot reach the Anthropic Messages API at " + endpoint + ": "
                    + masked(String.valueOf(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageModelException("interrupted while calling the Anthropic Messages API", e);
        }
    }

    private String text(HttpResponse<String> response) {
        JsonNode root = Json.tryRead(response.body().getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new LanguageModelException("Anthropic answered 200 with a body that is not JSON: "
                        + detail(response.body())));
        for (JsonNode block : root.path("content")) {
            if (block.path("text").isTextual()) {
                return block.path("text").asText();
            }
        }
        throw new LanguageModelException("Anthropic answered 200 without a text block in content: "
                + detail(response.body()));
    }

    private AnthropicApiException error(HttpResponse<String> response, int attempt) {
        int status = response.statusCode();
        JsonNode error = Json.tryRead(response.body().getBytes(StandardCharsets.UTF_8))
                .map(n -> n.path("error")).orElse(null);
        String type = error != null && error.path("type").isTextual() ? error.path("type").asText() : "unknown";
        String message = error != null && error.path("message").isTextual() ? error.path("message").asText()
                : response.body();
        String requestId = response.headers().firstValue("request-id").orElse(null);
        return new AnthropicApiException("Anthropic Messages API answered " + status + " " + type + ": "
                + detail(message) + " (model " + config.model() + ", attempt " + attempt + " of "
                + config.maxAttempts() + (requestId == null ? "" : ", request-id " + requestId) + ")",
                status, type, requestId);
    }

    /** The server's {@code retry-after} seconds if it sent them, else exponential backoff. */
    private Duration wait(HttpResponse<String> response, int attempt) {
        Optional<Duration> retryAfter = response.headers().firstValue("retry-after").flatMap(v -> {
            try {
                double seconds = Double.parseDouble(v.strip());
                return seconds >= 0 ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000))) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }

    private String detail(String text) {
        String flat = masked(text).replaceAll("\\s+", " ").strip();
        return flat.length() <= DETAIL_LIMIT ? flat : flat.substring(0, DETAIL_LIMIT - 3) + "...";
    }

    private String masked(String text) {
        return text.replace(config.apiKey(), "***");
    }

    /** The configuration, without the key. */
    public AnthropicConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "AnthropicLanguageModel[model=" + config.model() + ", baseUrl=" + config.baseUrl() + "]";
    }
}
