package dev.agentkit.routing;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a requirement by its tags: rules {@code tag → role} are tried in the order they were
 * added, and the first rule whose tag the requirement carries decides. Tags compare without case
 * and without a leading {@code #}. Without a match it returns the default role if one was set,
 * else declines so a {@link ChainRouter} can ask the next router. Used by {@code QueueDrainer},
 * usually first in a chain.
 *
 * <pre>{@code
 * Router byTag = TagRouter.builder()
 *         .rule("api", "backend").rule("database", "backend")
 *         .rule("ui", "frontend").rule("deploy", "infrastructure")
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class TagRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(TagRouter.class);

    /** One rule: requirements tagged {@code tag} go to {@code role}. */
    public record Rule(String tag, String role) {
        public Rule {
            tag = normalise(Objects.requireNonNull(tag, "tag"));
            if (tag.isEmpty() || tag.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("tag of a tag rule must be one word, was '" + tag + "'");
            }
            RoleNames.require("role of tag rule '" + tag + "'", role);
        }
    }

    private final List<Rule> rules;
    private final String defaultRole;

    private TagRouter(List<Rule> rules, String defaultRole) {
        this.rules = List.copyOf(rules);
        this.defaultRole = defaultRole;
    }

    /** A builder with no rules and no default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<RoutingDecision> route(Requirement requirement) {
        List<String> tags = requirement.tags().stream().map(TagRouter::normalise).toList();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (tags.contains(rule.tag())) {
                return Decisions.decided(log, requirement, rule.role(),
                        "tag rule " + (i + 1) + " of " + rules.size() + " (#" + rule.tag() + " -> " + rule.role() + ")");
            }
        }
        return Decisions.fallBack(log, requirement, defaultRole, "no tag rule matched tags " + tags);
    }

    /** The rules, in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    /** The role used when no rule matches, if any. */
    public Optional<String> defaultRole() {
        return Optional.ofNullable(defaultRole);
    }

    static String normalise(String tag) {
        String t = tag.strip();
        return (t.startsWith("#") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return Decisions.describe("TagRouter", rules.size(), defaultRole);
    }

    /** Collects rules in order; each call validates at once. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private String defaultRole;

        private Builder() {
        }

        /** Adds a rule after those already added: requirements tagged {@code tag} go to {@code role}. */
        public Builder rule(String tag, String role) {
            Rule rule = new Rule(tag, role);
            rules.stream().filter(r -> r.tag().equals(rule.tag())).findFirst().ifPresent(r -> {
                throw new IllegalArgumentException("tag rule #" + rule.tag() + " -> " + role
                        + " can never match: an earlier rule sends #" + r.tag() + " to " + r.role());
            });
            rules.add(rule);
            return this;
        }

        /** The role for requirements no rule matches; without one the router declines them. */
        public Builder defaultRole(String role) {
            this.defaultRole = RoleNames.require("default role of the tag router", role);
            return this;
        }

        /** The router; it needs at least one rule or a default. */
        public TagRouter build() {
            if (rules.isEmpty() && defaultRole == null) {
                throw new IllegalStateException("a tag router needs at least one rule or a default role");
            }
            return new TagRouter(rules, defaultRole);
        }
    }
}
