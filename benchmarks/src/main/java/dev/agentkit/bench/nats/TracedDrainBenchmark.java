package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.otel.AgentkitTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * B9: B1's drain ({@link DrainAgent} turns, same batch and budget) traced by agentkit-otel with
 * the OpenTelemetry SDK sampling every span and exporting each synchronously to an exporter that
 * counts and drops it, against the same drain without telemetry, alternately in one run; reports
 * both rates and their ratio.
 */
public final class TracedDrainBenchmark implements Benchmark {
    private static final String PLAIN = "plaindrain";
    private static final String TRACED = "traceddrain";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final NatsBench nats;

    public TracedDrainBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    /** Counts the spans it is given and keeps none. */
    private static final class CountingExporter implements SpanExporter {
        final LongAdder spans = new LongAdder();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.add(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int n = DrainBenchmark.messages(quick);
        int reps = quick ? 3 : 5;
        CountingExporter exporter = new CountingExporter();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .setSampler(Sampler.alwaysOn()).addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build()) {
            AgentkitTelemetry telemetry = AgentkitTelemetry.create(sdk);
            nats.provision(PLAIN, PLAIN);
            nats.provision(TRACED, TRACED);
            DrainAgent plain = new DrainAgent(PLAIN, PLAIN, DrainBenchmark.TURN_ITEMS, DrainBenchmark.BATCH, nats.runtime());
            DrainAgent traced = new DrainAgent(TRACED, TRACED, DrainBenchmark.TURN_ITEMS, DrainBenchmark.BATCH,
                    telemetry.install(nats.runtime().toBuilder()).build());
            Alternation runs = Alternation.run(reps, () -> n / time(traced, n), () -> n / time(plain, n));
            List<Double> ratios = runs.ratios();
            double ratio = Stats.median(ratios);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("messages", n);
            details.put("tracedMsgsPerSecond", runs.a());
            details.put("plainMsgsPerSecond", runs.b());
            details.put("ratios", ratios);
            details.put("spansExported", exporter.spans.sum());
            details.put("agentConfig", DrainBenchmark.AGENT_CONFIG);
            String figure = Stats.human(Stats.median(runs.a())) + " vs " + Stats.human(Stats.median(runs.b())) + " msgs/s";
            return new Row("B9", "B1's drain traced (SDK, every span sampled and exported) vs untraced", figure, ratio,
                    Stats.spreadPercent(ratios), ">= 0.70 of untraced", ratio >= 0.70, details);
        }
    }

    private double time(DrainAgent agent, int n) throws Exception {
        String role = agent.config().role();
        return nats.timeDrain(nats.topology().requirementSubject(role), n, () -> agent.drain(n, LIMIT));
    }
}
