package dev.agentkit.routing.llm;

/**
 * A {@link LanguageModel} did not answer within its timeout. Thrown by implementations so that
 * callers such as {@code AiRouter} can tell a slow model from a refusing one.
 */
public class LanguageModelTimeoutException extends LanguageModelException {
    private static final long serialVersionUID = 1L;

    public LanguageModelTimeoutException(String message) {
        super(message);
    }

    public LanguageModelTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
