package dev.agentkit.testing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.LoggerFactory;

/**
 * What {@link AgentTestKitExtension} does around a test: it logs the kit's diagnostics when the
 * test fails, and closes the kit when the test ends. The stories it runs are launched by these
 * tests only.
 */
class AgentTestKitExtensionTest {
    private static volatile boolean launched;
    private static volatile AgentTestKit seen;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AgentTestKitExtension.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void aFailingTestLogsTheKitsDiagnostics() {
        TestExecutionSummary summary = launch(Stories.Failing.class);

        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("Failing.rememberedWork(AgentTestKit) failed").contains("published (1)")
                    .contains("REQ-001");
        });
    }

    @Test
    void theFailureReachesJUnitAsItWasThrown() {
        TestExecutionSummary summary = launch(Stories.Failing.class);

        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(AssertionError.class).hasMessageContaining("REQ-001 acked"));
    }

    @Test
    void aPassingOrAbortedTestLogsNothing() {
        TestExecutionSummary summary = launch(Stories.PassingAndAborted.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsAbortedCount()).isEqualTo(1);
        assertThat(appender.list).isEmpty();
    }

    @Test
    void theKitIsClosedWhenTheTestEnds() {
        launch(Stories.PassingAndAborted.class);

        assertThatThrownBy(() -> seen.broker().fetch(new ConsumerRef("REQUIREMENTS", "roy"), 1, Duration.ZERO))
                .isInstanceOf(BrokerException.class).hasMessageContaining("closed");
    }

    private static TestExecutionSummary launch(Class<?> stories) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(stories))
                    .build(), listener);
        } finally {
            launched = false;
        }
        return listener.getSummary();
    }

    static boolean launched() {
        return launched;
    }

    /** Tests the tests above launch; skipped when the build runs them. */
    static final class Stories {
        private Stories() {
        }

        @ExtendWith(AgentTestKitExtension.class)
        @EnabledIf("dev.agentkit.testing.kit.AgentTestKitExtensionTest#launched")
        static class Failing {
            @Test
            void rememberedWork(AgentTestKit kit) {
                kit.provision("roy", "backend");
                kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));

                assertThat(kit.acked("REQ-001")).as("REQ-001 acked").isTrue();
            }
        }

        @ExtendWith(AgentTestKitExtension.class)
        @EnabledIf("dev.agentkit.testing.kit.AgentTestKitExtensionTest#launched")
        static class PassingAndAborted {
            @Test
            void passes(AgentTestKit kit) {
                kit.provision("roy", "backend");
                seen = kit;
            }

            @Test
            void isAborted(AgentTestKit kit) {
                Assumptions.assumeTrue(false, "not on this machine");
            }
        }
    }
}
