package dev.agentkit.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.testing.AgentTestKit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agentkit.* metrics agree with the turns' reports and with what the broker says of its consumers. */
class MetricsTest {
    private final Sdk sdk = new Sdk();
    private final AgentTestKit kit = AgentTestKit.create();

    @AfterEach
    void close() {
        kit.close();
        sdk.close();
    }

    @Test
    void countsAndGaugesEqualTheReportsAndTheBroker() throws Exception {
        kit.provision("roy", "backend");
        AgentRuntime runtime = sdk.telemetry.install(kit.runtime().toBuilder()).build();
        StoryAgents.Roy roy = new StoryAgents.Roy(runtime, sdk.telemetry);
        QueueDrainer.builder(sdk.telemetry.wrap(kit.broker()), TagRouter.builder().rule("api", "backend").build())
                .clock(kit.clock()).build().drain(List.of(
                        new Requirement("REQ-001", "Add login", List.of("api"), List.of()),
                        new Requirement("REQ-002", "A flaky build", List.of("api"), List.of()),
                        new Requirement("REQ-013", "An impossible API", List.of("api"), List.of()),
                        new Requirement("REQ-014", "Add logout", List.of("api"), List.of())));
        List<TurnReport> reports = new ArrayList<>();
        try (AutoCloseable gauges = sdk.telemetry.observeConsumers(kit.broker(), kit.topology(), Map.of("roy", "backend"))) {
            reports.add(roy.runTurn());
            ConsumerStatus status = kit.broker().status(ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work()));
            Collection<MetricData> mid = sdk.metrics.collectAllMetrics();
            assertThat(gauge(mid, ConsumerGauges.PENDING, "roy")).isEqualTo(status.pending());
            assertThat(gauge(mid, ConsumerGauges.IN_FLIGHT, "roy")).isEqualTo(status.ackPending());

            kit.advance(Duration.ofMinutes(6));
            reports.add(roy.runTurn());
            reports.add(roy.runTurn());
        }
        Collection<MetricData> all = sdk.metrics.collectAllMetrics();

        assertThat(sum(all, TurnMetrics.ITEMS, "DONE")).isEqualTo(total(reports, TurnReport::done)).isEqualTo(3);
        assertThat(sum(all, TurnMetrics.ITEMS, "RETRIED")).isEqualTo(total(reports, TurnReport::retried)).isEqualTo(1);
        assertThat(sum(all, TurnMetrics.DEAD_LETTERS, null)).isEqualTo(total(reports, TurnReport::deadLettered))
                .isEqualTo(kit.deadLetters("roy").size()).isEqualTo(1);
        assertThat(sum(all, TurnMetrics.REDELIVERIES, null)).isEqualTo(1);
        assertThat(sum(all, TurnMetrics.TURNS, null)).isEqualTo(reports.size());
        assertThat(sum(all, TurnMetrics.IDLE_TURNS, null)).isEqualTo(reports.stream().filter(TurnReport::idle).count());
        long tokensIn = reports.stream().mapToLong(r -> r.usage().tokensIn()).sum();
        assertThat(tokensIn).isEqualTo(3 * 120);
        assertThat(all).filteredOn(m -> m.getName().equals(TurnMetrics.TOKENS)).singleElement()
                .satisfies(m -> assertThat(m.getLongSumData().getPoints()).filteredOn(p ->
                        "input".equals(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))))
                        .extracting(LongPointData::getValue).containsExactly(tokensIn));
        assertThat(all).filteredOn(m -> m.getName().equals(TurnMetrics.TURN_DURATION)).singleElement()
                .satisfies(m -> assertThat(m.getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum())
                        .isEqualTo(reports.size()));
    }

    private static long total(List<TurnReport> reports, ToIntFunction<TurnReport> count) {
        return reports.stream().mapToLong(count::applyAsInt).sum();
    }

    /** The sum of counter {@code name}'s points, those of {@code outcome} only when given. */
    private static long sum(Collection<MetricData> all, String name, String outcome) {
        return all.stream().filter(m -> m.getName().equals(name)).flatMap(m -> m.getLongSumData().getPoints().stream())
                .filter(p -> outcome == null || outcome.equals(p.getAttributes().get(Attrs.OUTCOME)))
                .mapToLong(LongPointData::getValue).sum();
    }

    private static long gauge(Collection<MetricData> all, String name, String agent) {
        return all.stream().filter(m -> m.getName().equals(name)).flatMap(m -> m.getLongGaugeData().getPoints().stream())
                .filter(p -> agent.equals(p.getAttributes().get(Attrs.AGENT))
                        && p.getAttributes().get(Attrs.CONSUMER).equals("roy")
                        && p.getAttributes().get(Attrs.STREAM).equals("REQUIREMENTS"))
                .mapToLong(LongPointData::getValue).sum();
    }
}
