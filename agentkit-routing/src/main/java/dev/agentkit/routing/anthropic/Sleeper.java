package dev.agentkit.routing.anthropic;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.routing.llm.LanguageModelException;
import java.time.Duration;

/**
 * Waits out a backoff between two attempts of {@link AnthropicLanguageModel}. Injected through
 * {@link AnthropicConfig.Builder#sleeper} so tests record the waits instead of waiting; the
 * default waits on the system {@link AgentClock}.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Returns once {@code duration} has passed.
     *
     * @throws LanguageModelException if the thread is interrupted (its interrupt flag is restored)
     */
    void sleep(Duration duration);

    /**
     * A sleeper that sleeps on {@code clock} ({@link AgentClock#sleep}): the system clock parks
     * the thread, the virtual clock of tests skips the wait by advancing itself.
     */
    static Sleeper on(AgentClock clock) {
        return duration -> {
            try {
                clock.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LanguageModelException("interrupted during a backoff of " + duration, e);
            } catch (IllegalStateException e) {
                throw new LanguageModelException("backoff of " + duration + " did not end on " + clock, e);
            }
        };
    }
}
