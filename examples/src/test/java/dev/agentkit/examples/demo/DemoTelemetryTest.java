package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo exports only when the standard OTEL_* variables ask for it. */
class DemoTelemetryTest {
    @Test
    void withoutOtelVariablesNothingExports() {
        try (DemoTelemetry otel = DemoTelemetry.fromEnvironment(Map.of("HOME", "/tmp", "OTEL_TRACES_EXPORTER", "none"))) {
            assertThat(otel.exporting()).isFalse();
        }
    }

    @Test
    void anOtlpEndpointTurnsTheSdkOn() {
        try (DemoTelemetry otel = DemoTelemetry.fromEnvironment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "200", "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"))) {
            assertThat(otel.exporting()).isTrue();
            assertThat(otel.telemetry()).isNotNull();
        }
    }
}
