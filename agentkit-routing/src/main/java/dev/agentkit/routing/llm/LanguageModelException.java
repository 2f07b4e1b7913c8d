package dev.agentkit.routing.llm;

import dev.agentkit.core.AgentkitException;

/**
 * A {@link LanguageModel} could not answer: it refused the request, was unreachable, or gave an
 * answer that could not be read. {@code AiRouter} catches it and declines, so a chain falls back.
 * Messages name the model and what went wrong, never a credential.
 */
public class LanguageModelException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public LanguageModelException(String message) {
        super(message);
    }

    public LanguageModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
