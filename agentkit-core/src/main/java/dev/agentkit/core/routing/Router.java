package dev.agentkit.core.routing;

import java.util.Optional;

/**
 * Decides which role owns a requirement. Used by {@code QueueDrainer}; implementations in
 * agentkit-routing ({@code TagRouter}, {@code FileRouter}, {@code AiRouter}, {@code ChainRouter}).
 * Returns empty when it cannot decide, so a chain can ask the next router.
 */
@FunctionalInterface
public interface Router {
    Optional<RoutingDecision> route(Requirement requirement);
}
