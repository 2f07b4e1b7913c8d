package dev.agentkit.otel;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Optional;

/** A {@link Router} with a span per decision: the requirement, the role chosen (or none) and the router's reason. */
final class TracingRouter implements Router {
    static final AttributeKey<String> ROLE = AttributeKey.stringKey("agentkit.route.role");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("agentkit.route.reason");

    private final Router delegate;
    private final Spans spans;

    TracingRouter(Router delegate, Spans spans) {
        this.delegate = delegate;
        this.spans = spans;
    }

    @Override
    public Optional<RoutingDecision> route(Requirement requirement) {
        Span span = spans.builder("route").setAttribute(Attrs.REQUIREMENT, requirement.id()).startSpan();
        return spans.within(span, () -> {
            Optional<RoutingDecision> decision = delegate.route(requirement);
            span.setAttribute(ROLE, decision.map(RoutingDecision::role).orElse(""));
            decision.ifPresent(d -> span.setAttribute(REASON, spans.text(d.reason())));
            return decision;
        });
    }

    @Override
    public String toString() {
        return "TracingRouter(" + delegate + ")";
    }
}
