package dev.agentkit.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The team's story on a real nats-server, as two processes would run it: the drainer and Roy on
 * one connection reporting to one OpenTelemetry SDK, Jen on another connection reporting to
 * another. The trace context crosses the real wire in NATS headers, so Jen's span joins the
 * trace the drainer began, under Roy's announcement.
 */
class TeamTraceIT {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();

    @Test
    void theTraceSurvivesTheRealWireBetweenTwoProcesses() {
        Topology topology = Topology.workshopDefault();
        try (Sdk royProcess = new Sdk(); Sdk jenProcess = new Sdk();
             JetStreamBroker royBroker = connect(); JetStreamBroker jenBroker = connect()) {
            JetStreamCleanup.deleteStreams(royBroker.connection(), topology);
            royBroker.provision(topology, Map.of("roy", "backend", "jen", "frontend"));
            StoryAgents.Roy roy = new StoryAgents.Roy(royProcess.telemetry.install(AgentRuntime.builder(royBroker)).build(),
                    royProcess.telemetry);
            StoryAgents.Jen jen = new StoryAgents.Jen(jenProcess.telemetry.install(AgentRuntime.builder(jenBroker)).build());

            QueueDrainer.builder(royProcess.telemetry.wrap(royBroker), TagRouter.builder().rule("api", "backend").build())
                    .build().drain(List.of(TeamTraceTest.LOGIN));
            within(() -> roy.runTurn().done() == 1);
            within(() -> {
                jen.runTurn();
                return !jen.announcements.isEmpty();
            });

            SpanData drained = royProcess.span("publish work.requirements.backend");
            SpanData royItem = royProcess.span("process work.requirements.backend");
            SpanData announced = royProcess.span("publish work.integration.api_ready");
            SpanData jenRead = jenProcess.span("process work.integration.api_ready");
            assertThat(royItem.getTraceId()).isEqualTo(drained.getTraceId());
            assertThat(royItem.getParentSpanId()).isEqualTo(drained.getSpanId());
            assertThat(announced.getParentSpanId()).isEqualTo(royItem.getSpanId());
            assertThat(jenRead.getTraceId()).as("Jen's process continues the drainer's trace").isEqualTo(drained.getTraceId());
            assertThat(jenRead.getParentSpanId()).isEqualTo(announced.getSpanId());
            assertThat(jenRead.getParentSpanContext().isRemote()).as("its parent came over the wire").isTrue();
        }
    }

    private static JetStreamBroker connect() {
        return JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
    }

    /** Runs {@code turn} until it says so, within ten seconds (a fetch may miss a message published an instant ago). */
    private static void within(BooleanSupplier turn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!turn.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the turn did not see its message within 10 s").isLessThan(deadline);
        }
    }
}
