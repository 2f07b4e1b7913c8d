package dev.agentkit.routing.llm;

/**
 * A language model that answers one prompt with text. {@code AiRouter} asks it which role owns a
 * requirement; {@code AnthropicLanguageModel} implements it over the Anthropic Messages API, and
 * tests pass a lambda.
 *
 * <p>Contract: {@link #complete} returns or throws within the implementation's own, bounded
 * timeout (retries included), so a caller never waits without limit. A model that ran out of
 * time throws {@link LanguageModelTimeoutException}; any other failure is a
 * {@link LanguageModelException}. It never returns {@code null}. Implementations are
 * thread-safe, and neither log nor put in an exception a credential.
 */
@FunctionalInterface
public interface LanguageModel {

    /**
     * The model's answer to {@code prompt} under the instructions in {@code system}.
     *
     * @param system instructions that frame the answer (the "system prompt")
     * @param prompt the question
     * @return the answer's text, never {@code null}
     * @throws LanguageModelTimeoutException when the answer did not come in time
     * @throws LanguageModelException        when the model could not be asked or refused
     */
    String complete(String system, String prompt);
}
