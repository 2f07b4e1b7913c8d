package dev.agentkit.examples.demo;

import dev.agentkit.otel.AgentkitTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's OpenTelemetry: the SDK, configured by its autoconfigure module from the standard
 * {@code OTEL_*} environment variables, when they ask for an exporter (an {@code OTEL_*_EXPORTER}
 * other than {@code none}, or an {@code OTEL_EXPORTER_OTLP_*ENDPOINT}); otherwise the API's
 * no-op. The service name defaults to {@code agentkit-demo}. Closing it flushes and stops the SDK.
 *
 * <pre>
 * OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf scripts/demo.sh
 * </pre>
 */
public final class DemoTelemetry implements AutoCloseable {
    private static final List<String> EXPORTERS = List.of("OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER",
            "OTEL_LOGS_EXPORTER");

    private final OpenTelemetrySdk sdk;
    private final AgentkitTelemetry telemetry;

    private DemoTelemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.telemetry = AgentkitTelemetry.create(sdk != null ? sdk : OpenTelemetry.noop());
    }

    /** The SDK if {@code env} asks for an exporter, else the no-op; {@code env} is also the SDK's configuration. */
    public static DemoTelemetry fromEnvironment(Map<String, String> env) {
        boolean exports = EXPORTERS.stream().map(env::get).anyMatch(v -> v != null && !v.isBlank() && !v.equals("none"))
                || env.keySet().stream().anyMatch(k -> k.startsWith("OTEL_EXPORTER_OTLP_") && k.endsWith("ENDPOINT"));
        if (!exports) {
            return new DemoTelemetry(null);
        }
        Map<String, String> properties = env.entrySet().stream().filter(e -> e.getKey().startsWith("OTEL_"))
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', '.'), Map.Entry::getValue));
        return new DemoTelemetry(AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "agentkit-demo"))
                .addPropertiesSupplier(() -> properties).build().getOpenTelemetrySdk());
    }

    /** Whether the SDK exports (else everything is a no-op). */
    public boolean exporting() {
        return sdk != null;
    }

    /** agentkit's telemetry on it. */
    public AgentkitTelemetry telemetry() {
        return telemetry;
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }
}
