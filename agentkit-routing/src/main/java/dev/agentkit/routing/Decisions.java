package dev.agentkit.routing;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.RoutingDecision;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * How the rule-based routers ({@link TagRouter}, {@link FileRouter}) answer: a decision logged
 * with its reason, or, when no rule matched, their optional default role, else a logged decline.
 */
final class Decisions {
    private Decisions() {
    }

    /** {@code role} for {@code requirement}, because of {@code reason}; logged at DEBUG. */
    static Optional<RoutingDecision> decided(Logger log, Requirement requirement, String role, String reason) {
        log.debug("{} -> {}: {}", requirement.id(), role, reason);
        return Optional.of(new RoutingDecision(role, reason));
    }

    /** No rule matched ({@code noMatch} says why): the default role if there is one, else a decline. */
    static Optional<RoutingDecision> fallBack(Logger log, Requirement requirement, String defaultRole, String noMatch) {
        if (defaultRole != null) {
            return decided(log, requirement, defaultRole, noMatch + "; default role");
        }
        log.debug("{}: {}; declining", requirement.id(), noMatch);
        return Optional.empty();
    }

    /** A router's {@code toString}: {@code TagRouter[4 rules, default backend]}. */
    static String describe(String router, int rules, String defaultRole) {
        return router + "[" + rules + (rules == 1 ? " rule" : " rules") + (defaultRole == null ? "" : ", default " + defaultRole) + "]";
    }
}
