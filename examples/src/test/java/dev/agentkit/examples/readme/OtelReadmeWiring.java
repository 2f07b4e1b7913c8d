package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.otel.AgentkitTelemetry;
import dev.agentkit.otel.ModelCall;
import dev.agentkit.routing.drain.QueueDrainer;
import io.opentelemetry.api.OpenTelemetry;

/** agentkit-otel's README snippets, compiled and checked by ReadmeSnippetsTest (the module's own tests run them). */
final class OtelReadmeWiring {
    private OtelReadmeWiring() {
    }

    static AutoCloseable wire(OpenTelemetry openTelemetry, Broker broker, Router router) {
        AgentkitTelemetry telemetry = AgentkitTelemetry.create(openTelemetry);   // or AgentkitTelemetry.global()
        AgentRuntime runtime = telemetry.install(AgentRuntime.builder(broker)).build();
        QueueDrainer drainer = QueueDrainer.builder(telemetry.wrap(broker), telemetry.wrap(router)).build();
        AutoCloseable gauges = telemetry.observeConsumers(broker, runtime.topology(), runtime.team().roles());
        drainer.toString(); // (not in the README)
        return gauges;
    }

    /** A model call as a GenAI span (not in the README). */
    static final class Roy extends TurnBasedAgent {
        private final AgentkitTelemetry telemetry;
        private final Model client = prompt -> new Reply(12, 3, 0.001);

        Roy(AgentRuntime runtime, AgentkitTelemetry telemetry) {
            super(AgentConfig.builder("roy").role("backend").build(), runtime);
            this.telemetry = telemetry;
        }

        @Override
        @SuppressWarnings("try") // the call is held open, not read (not in the README)
        protected Outcome processWork(WorkItem item) {
            String prompt = item.envelope().text(); // (not in the README)
            try (ModelCall call = telemetry.modelCall("anthropic", "claude-sonnet-4-5")) {
                Reply reply = client.send(prompt);
                reportUsage(reply.inputTokens(), reply.outputTokens(), reply.cost());   // lands on the span too
            }
            return Outcome.done();
        }
    }

    /** A stand-in model client (not in the README). */
    interface Model {
        Reply send(String prompt);
    }

    /** What it answers (not in the README). */
    record Reply(long inputTokens, long outputTokens, double cost) {
    }
}
