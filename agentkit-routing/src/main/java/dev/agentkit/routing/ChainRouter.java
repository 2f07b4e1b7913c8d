package dev.agentkit.routing;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks routers in order and takes the first decision; when all decline it returns the default
 * role if one was set, else declines itself (the drainer then reports, dead-letters or alerts
 * the requirement, as configured). A router that throws counts as declining, with a WARN log,
 * so one broken router never stops a drain. The decision keeps the deciding router's reason,
 * and every final decision is logged at INFO with which router made it. Used by
 * {@code QueueDrainer}.
 *
 * <pre>{@code
 * Router router = ChainRouter.builder()
 *         .then(byTag).then(byFile).then(byModel)
 *         .defaultRole("backend")
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe if its routers are.
 */
public final class ChainRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(ChainRouter.class);

    private final List<Router> routers;
    private final String defaultRole;

    private ChainRouter(List<Router> routers, String defaultRole) {
        this.routers = List.copyOf(routers);
        this.defaultRole = defaultRole;
    }

    /** A builder with no routers and no default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A chain of {@code routers} without a default. */
    public static ChainRouter of(Router... routers) {
        Builder b = builder();
        for (Router r : routers) {
            b.then(r);
        }
        return b.build();
    }

    @Override
    public Optional<RoutingDecision> route(Requirement requirement) {
        for (int i = 0; i < routers.size(); i++) {
            Router router = routers.get(i);
            Optional<RoutingDecision> decision;
            try {
                decision = router.route(requirement);
            } catch (RuntimeException e) {
                log.warn("{}: router {} ({}) failed; trying the next: {}", requirement.id(), i + 1, router, e.toString());
                continue;
            }
            if (decision != null && decision.isPresent()) {
                log.info("{} -> {} by router {} of {} ({}): {}", requirement.id(), decision.get().role(), i + 1,
                        routers.size(), router, decision.get().reason());
                return decision;
            }
        }
        if (defaultRole != null) {
            String reason = routers.isEmpty() ? "default role" : "all " + routers.size() + " routers declined; default role";
            log.info("{} -> {}: {}", requirement.id(), defaultRole, reason);
            return Optional.of(new RoutingDecision(defaultRole, reason));
        }
        log.info("{}: all {} routers declined and there is no default role", requirement.id(), routers.size());
        return Optional.empty();
    }

    /** The routers, in the order they are asked. */
    public List<Router> routers() {
        return routers;
    }

    /** The role used when every router declines, if any. */
    public Optional<String> defaultRole() {
        return Optional.ofNullable(defaultRole);
    }

    @Override
    public String toString() {
        return "ChainRouter" + routers + (defaultRole == null ? "" : " default " + defaultRole);
    }

    /** Collects routers in order. */
    public static final class Builder {
        private final List<Router> routers = new ArrayList<>();
        private String defaultRole;

        private Builder() {
        }

        /** Asks {@code router} after those already added. */
        public Builder then(Router router) {
            routers.add(Objects.requireNonNull(router, "router"));
            return this;
        }

        /** The role when every router declines; without one the chain declines too. */
        public Builder defaultRole(String role) {
            this.defaultRole = RoleNames.require("default role of the chain", role);
            return this;
        }

        /** The chain; it needs at least one router or a default. */
        public ChainRouter build() {
            if (routers.isEmpty() && defaultRole == null) {
                throw new IllegalStateException("a chain router needs at least one router or a default role");
            }
            return new ChainRouter(routers, defaultRole);
        }
    }
}
