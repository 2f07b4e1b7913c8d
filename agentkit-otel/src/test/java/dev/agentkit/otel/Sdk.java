package dev.agentkit.otel;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;

/** An OpenTelemetry SDK sampling every span into memory, with an in-memory metric reader, for tests. */
final class Sdk implements AutoCloseable {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final AgentkitTelemetry telemetry = AgentkitTelemetry.create(otel);

    List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    /** The one finished span named {@code name} whose attribute {@code key} is {@code value}, or the only one so named. */
    SpanData span(String name) {
        List<SpanData> named = finished().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span " + name + ", got " + named.size() + ": " + names());
        }
        return named.get(0);
    }

    List<SpanData> spans(String name) {
        return finished().stream().filter(s -> s.getName().equals(name)).toList();
    }

    List<String> names() {
        return finished().stream().map(SpanData::getName).toList();
    }

    /** The metric named {@code name} as last collected. */
    Optional<MetricData> metric(List<MetricData> collected, String name) {
        return collected.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    @Override
    public void close() {
        otel.close();
    }
}
