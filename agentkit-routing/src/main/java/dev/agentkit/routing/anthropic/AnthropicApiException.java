package dev.agentkit.routing.anthropic;

import dev.agentkit.routing.llm.LanguageModelException;
import java.util.Optional;

/**
 * The Anthropic Messages API answered with an error: its HTTP status and the {@code error.type}
 * of its error body ({@code rate_limit_error}, {@code overloaded_error},
 * {@code invalid_request_error}, {@code authentication_error}, ...). Thrown by
 * {@link AnthropicLanguageModel} once retries are spent or for an error that retrying cannot fix;
 * {@code AiRouter} treats it as a decline. The message names the status, the type and the API's
 * message, never the API key.
 */
public class AnthropicApiException extends LanguageModelException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String requestId;

    /** An error with its message (free of secrets), HTTP status, API error type and request id (may be null). */
    public AnthropicApiException(String message, int status, String errorType, String requestId) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.requestId = requestId;
    }

    /** The HTTP status, e.g. 429. */
    public int status() {
        return status;
    }

    /** The API's {@code error.type}, or {@code unknown} when the body had none. */
    public String errorType() {
        return errorType;
    }

    /** The API's {@code request-id} header, for support requests, if it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether the same request may succeed later: rate limits, overload and server errors. */
    public boolean isRetryable() {
        return isRetryable(status);
    }

    static boolean isRetryable(int status) {
        return status == 429 || status == 529 || status == 500 || status == 503;
    }
}
