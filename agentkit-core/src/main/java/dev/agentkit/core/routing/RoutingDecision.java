package dev.agentkit.core.routing;

import java.util.Objects;

/**
 * A router's answer: the role that owns a requirement and why (which rule, file or model answer).
 *
 * @param role   the role, e.g. {@code backend}
 * @param reason a human-readable reason, logged and reported
 */
public record RoutingDecision(String role, String reason) {
    public RoutingDecision {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        if (role.isBlank()) {
            throw new IllegalArgumentException("role must not be blank");
        }
    }
}
