package dev.agentkit.routing.anthropic;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.routing.llm.LanguageModelException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
     * A sleeper that waits for a timer of {@code clock}. With a virtual clock another thread must
     * advance it; whatever the clock, the wait gives up one minute after {@code duration} of real
     * time, so it is never unbounded.
     */
    static Sleeper on(AgentClock clock) {
        return duration -> {
            CountDownLatch due = new CountDownLatch(1);
            AgentClock.Timer timer = clock.schedule(duration, due::countDown);
            try {
                if (!due.await(duration.toMillis() + TimeUnit.MINUTES.toMillis(1), TimeUnit.MILLISECONDS)) {
                    throw new LanguageModelException("backoff of " + duration + " did not end on " + clock);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LanguageModelException("interrupted during a backoff of " + duration, e);
            } finally {
                timer.cancel();
            }
        };
    }
}
