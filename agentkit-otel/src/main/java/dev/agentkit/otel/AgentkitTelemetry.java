package dev.agentkit.otel;

import dev.agentkit.core.Redactor;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnInterceptor;
import dev.agentkit.core.turn.TurnListener;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.SpanKind;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * OpenTelemetry for an agent team: what a user installs to see a requirement's trace run from
 * the drainer through every agent that touched it, and agentkit's {@code agentkit.*} metrics.
 *
 * <pre>{@code
 * AgentkitTelemetry telemetry = AgentkitTelemetry.create(openTelemetry);
 * AgentRuntime runtime = telemetry.install(AgentRuntime.builder(broker)).build();
 * QueueDrainer drainer = QueueDrainer.builder(telemetry.wrap(broker), router).build();
 * }</pre>
 *
 * {@link #install} adds its {@link #interceptor()} (trace context on every publish, spans per
 * turn, item and publish, {@code trace_id}/{@code span_id} in the MDC) and its
 * {@link #metrics()} listener to a runtime builder; {@link #wrap} traces a broker used outside a
 * runtime (the drainer, tools). It uses the {@code OpenTelemetry} instance it is given, and with
 * no SDK installed everything it does is a no-op. Thread-safe; make one per process.
 */
public final class AgentkitTelemetry {
    /** The instrumentation scope name of agentkit's tracer and meter. */
    public static final String SCOPE = "dev.agentkit";

    private final Spans spans;
    private final Meter meter;
    private final TracingInterceptor interceptor;
    private final TurnMetrics metrics;
    private final ModelUsage modelUsage = new ModelUsage();

    private AgentkitTelemetry(OpenTelemetry openTelemetry, Redactor redactor) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.spans = new Spans(openTelemetry.getTracer(SCOPE), Objects.requireNonNull(redactor, "redactor"));
        this.meter = openTelemetry.getMeter(SCOPE);
        this.interceptor = new TracingInterceptor(spans,
                new EnvelopeContext(openTelemetry.getPropagators().getTextMapPropagator()));
        this.metrics = new TurnMetrics(meter);
    }

    /**
     * Telemetry reporting to {@code openTelemetry}'s tracer, meter and text-map propagator; error
     * texts on spans are redacted of the values of this process's secret-named environment
     * variables ({@link Redactor#fromEnvironment}).
     */
    public static AgentkitTelemetry create(OpenTelemetry openTelemetry) {
        return create(openTelemetry, Redactor.fromEnvironment(System.getenv()));
    }

    /** Telemetry as {@link #create(OpenTelemetry)}, redacting error texts on spans with {@code redactor}. */
    public static AgentkitTelemetry create(OpenTelemetry openTelemetry, Redactor redactor) {
        return new AgentkitTelemetry(openTelemetry, redactor);
    }

    /** Telemetry reporting to {@link GlobalOpenTelemetry} (a no-op until an SDK registers itself there). */
    public static AgentkitTelemetry global() {
        return create(GlobalOpenTelemetry.get());
    }

    /**
     * Adds {@link #interceptor()}, {@link #metrics()} and the listener that puts {@code reportUsage}
     * on the current {@link ModelCall} to {@code builder}; returns it.
     */
    public AgentRuntime.Builder install(AgentRuntime.Builder builder) {
        return builder.interceptor(interceptor).listener(metrics).listener(modelUsage);
    }

    /**
     * The turn interceptor: spans around turns and items, the item's continuing the trace its
     * message carries, and (through {@link TurnInterceptor#broker}) producer spans and W3C trace
     * headers on every publish of the runtime.
     */
    public TurnInterceptor interceptor() {
        return interceptor;
    }

    /** The listener recording the turn and item metrics. */
    public TurnListener metrics() {
        return metrics;
    }

    /** {@code broker} with a producer span and trace headers on every publish, for code outside a runtime. */
    public Broker wrap(Broker broker) {
        return interceptor.broker(broker);
    }

    /**
     * {@code call} inside a span named {@code name}, current while it runs (so what it publishes
     * through {@link #wrap(Broker)} descends from it), marked failed by what it throws; for a
     * piece of work outside a runtime, such as one {@code agentkit} command.
     */
    public <T> T traced(String name, Supplier<T> call) {
        return spans.within(spans.builder(name).startSpan(), call);
    }

    /** {@code router} with a span per routing decision (the requirement, the role, the reason). */
    public Router wrap(Router router) {
        return new TracingRouter(router, spans);
    }

    /**
     * Starts a language-model call's client span ({@code chat <model>}) with the GenAI attributes
     * and makes it current until the call is closed; see {@link ModelCall}.
     *
     * @param system the provider, as {@code gen_ai.system} names it ({@code anthropic}, {@code openai})
     * @param model  the model asked for
     */
    public ModelCall modelCall(String system, String model) {
        return new ModelCall(spans.builder("chat " + model).setSpanKind(SpanKind.CLIENT)
                .setAttribute(Attrs.GEN_AI_SYSTEM, system).setAttribute(Attrs.GEN_AI_MODEL, model)
                .setAttribute(Attrs.GEN_AI_OPERATION, "chat").startSpan(), spans);
    }

    /** Spans for worker runs and git commits. */
    public TracedWorker tools() {
        return new TracedWorker(spans);
    }

    /**
     * Registers the observable gauges {@code agentkit.consumer.pending} and
     * {@code agentkit.consumer.in_flight} for the consumers of each agent (name → role) in
     * {@code topology}, read from {@code broker} at each collection; close the result to stop.
     */
    public AutoCloseable observeConsumers(Broker broker, Topology topology, Map<String, String> agentRoles) {
        return new ConsumerGauges(meter, broker, topology, Map.copyOf(agentRoles));
    }
}
