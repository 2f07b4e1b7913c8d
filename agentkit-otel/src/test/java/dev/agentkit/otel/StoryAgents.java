package dev.agentkit.otel;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The story's two agents: Roy builds the API and announces it; Jen reads the announcement. */
final class StoryAgents {
    private StoryAgents() {
    }

    /** Roy, backend: announces {@code api_ready} for every requirement, or rejects those whose title says so. */
    static final class Roy extends TurnBasedAgent {
        private static final Logger log = LoggerFactory.getLogger(Roy.class);
        /** The MDC's trace id when processWork ran, per item. */
        final List<String> traceIdsInMdc = new ArrayList<>();
        private final AgentkitTelemetry telemetry;

        Roy(AgentRuntime runtime, AgentkitTelemetry telemetry) {
            super(AgentConfig.builder("roy").role("backend").build(), runtime);
            this.telemetry = telemetry;
        }

        @Override
        @SuppressWarnings("try") // the call is held open, not read (not in the README)
        protected Outcome processWork(WorkItem item) {
            traceIdsInMdc.add(MDC.get("trace_id"));
            log.info("roy works on {}", item.id());
            String title = item.json().path("statement").asText();
            if (title.contains("flaky") && item.deliveryCount() == 1) {
                throw new IllegalStateException("the build server is down");
            }
            if (title.contains("impossible")) {
                return Outcome.reject("cannot be built: " + title);
            }
            try (ModelCall call = telemetry.modelCall("anthropic", "claude-sonnet-4-5")) {
                reportUsage(120, 30, 0.01);
            }
            announce("api_ready", Map.of("type", "api_ready", "requirement", item.envelope().requirementId().orElse(""),
                    "endpoint", "/login"));
            return Outcome.done();
        }
    }

    /** Jen, frontend: keeps the API announcements she reads. */
    static final class Jen extends TurnBasedAgent {
        final List<String> announcements = new ArrayList<>();

        Jen(AgentRuntime runtime) {
            super(AgentConfig.builder("jen").role("frontend").build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            return Outcome.done();
        }

        @Override
        protected void onCoordination(String subject, Envelope message) {
            announcements.add(message.json().path("requirement").asText());
        }
    }
}
