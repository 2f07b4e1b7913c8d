package dev.agentkit.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one retry policy, on the virtual clock: its pauses pass exactly, so attempts are counted, not timed. */
class RetryPolicyTest {
    private final VirtualClock clock = new VirtualClock();
    private final Instant start = clock.now();
    private final Logger logger = (Logger) LoggerFactory.getLogger("retry-policy-test");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final RetryPolicy policy = RetryPolicy.of(Duration.ofSeconds(1), Duration.ofMillis(300)).loggingTo(logger);
    /** The time left each attempt was told. */
    private final List<Duration> lefts = new ArrayList<>();

    @BeforeEach
    void capture() {
        logger.setLevel(Level.DEBUG);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    /** An attempt that fails transiently {@code failures} times, then answers "ok". */
    private RetryPolicy.Attempt<String> failing(int failures) {
        return (number, left) -> {
            lefts.add(left);
            if (number <= failures) {
                throw new BrokerException("no leader (attempt " + number + ")", true);
            }
            return "ok";
        };
    }

    private Duration elapsed() {
        return Duration.between(start, clock.now());
    }

    @Test
    void aTransientFailureIsRetriedAfterEachPauseUntilTheCallSucceeds() {
        assertThat(policy.run(clock, "get k", failing(2))).isEqualTo("ok");

        assertThat(lefts).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(700), Duration.ofMillis(400));
        assertThat(elapsed()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void theFirstRetryIsAWarningLaterOnesDebugAndTheRecoveryInfo() {
        policy.run(clock, "get k", failing(2));

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG, Level.INFO);
        assertThat(logged.list.get(0).getFormattedMessage())
                .isEqualTo("get k failed transiently, retrying for up to 1000 ms: no leader (attempt 1)");
        assertThat(logged.list.get(2).getFormattedMessage()).isEqualTo("get k succeeded on attempt 3, after 600 ms");
    }

    @Test
    void aQuietPolicyLogsAtDebugOnly() {
        policy.quiet().run(clock, "get k", failing(2));

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG).hasSize(3);
    }

    @Test
    void aFailureThatOutlastsTheBoundIsThrownAfterALastTryWithNothingLeft() {
        assertThatThrownBy(() -> policy.run(clock, "get k", failing(Integer.MAX_VALUE)))
                .isInstanceOf(BrokerException.class).hasMessageContaining("attempt 5");

        assertThat(lefts).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(700), Duration.ofMillis(400),
                Duration.ofMillis(100), Duration.ZERO);
        assertThat(elapsed()).as("the last pause is cut to what was left").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroBoundNeverRetries() {
        assertThatThrownBy(() -> policy.withBound(Duration.ZERO).run(clock, "get k", failing(1)))
                .isInstanceOf(BrokerException.class);

        assertThat(lefts).hasSize(1);
        assertThat(elapsed()).isZero();
    }

    @Test
    void aPermanentFailureIsThrownAtOnce() {
        assertThatThrownBy(() -> policy.run(clock, "get k", () -> {
            throw new BrokerException("no such bucket", false);
        })).hasMessage("no such bucket");

        assertThat(elapsed()).isZero();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void retryIfSaysWhatIsRetryable() {
        RetryPolicy states = policy.retryIf(e -> e instanceof IllegalStateException);
        int[] calls = {0};

        assertThat(states.run(clock, "read", () -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("not yet");
            }
            return 7;
        })).isEqualTo(7);
        assertThatThrownBy(() -> states.run(clock, "read", failing(1))).as("a transient broker failure is not, here")
                .isInstanceOf(BrokerException.class);
        assertThat(elapsed()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anInterruptDuringAPauseEndsTheRetriesWithTheLastFailureAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> policy.run(clock, "get k", failing(Integer.MAX_VALUE)))
                    .isInstanceOf(BrokerException.class).hasMessageContaining("attempt 1")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(elapsed()).isZero();
        } finally {
            Thread.interrupted();
        }
    }
}
