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
 * Routes a requirement by the files it likely touches: rules map a {@link PathPattern} (a
 * directory prefix or a glob) to a role, and of every (file, rule) pair that matches, the most
 * specific pattern wins, the longest match. Ties go to the earlier file of the requirement, then
 * to the earlier rule. The reason names the file and the rule that decided. Without a match it
 * returns the default role if one was set, else declines. Used by {@code QueueDrainer}, usually
 * in a {@link ChainRouter} after a {@link TagRouter}.
 *
 * <pre>
 * Router byFile = FileRouter.builder()
 *         .prefix("src/api/", "backend")
 *         .prefix("src/frontend/", "frontend")
 *         .glob("**&#47;*.tsx", "frontend")
 *         .glob("deploy/**", "infrastructure")
 *         .build();
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class FileRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(FileRouter.class);

    /** One rule: files matching {@code pattern} belong to {@code role}. */
    public record Rule(PathPattern pattern, String role) {
        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            RoleNames.require("role of file rule " + pattern, role);
        }
    }

    private final List<Rule> rules;
    private final String defaultRole;

    private FileRouter(List<Rule> rules, String defaultRole) {
        this.rules = List.copyOf(rules);
        this.defaultRole = defaultRole;
    }

    /** A builder with no rules and no default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<RoutingDecision> route(Requirement requirement) {
        Rule best = null;
        String bestFile = null;
        int matches = 0;
        for (String file : requirement.files()) {
            for (Rule rule : rules) {
                if (rule.pattern().matches(file)) {
                    matches++;
                    if (best == null || rule.pattern().specificity() > best.pattern().specificity()) {
                        best = rule;
                        bestFile = file;
                    }
                }
            }
        }
        if (best != null) {
            String reason = "file " + bestFile + " matched " + best.pattern() + " -> " + best.role()
                    + (matches > 1 ? " (longest of " + matches + " matches)" : "");
            return Decisions.decided(log, requirement, best.role(), reason);
        }
        return Decisions.fallBack(log, requirement, defaultRole, requirement.files().isEmpty() ? "no files listed"
                : "no file rule matched " + requirement.files());
    }

    /** The rules, in the order they were added. */
    public List<Rule> rules() {
        return rules;
    }

    /** The role used when no rule matches, if any. */
    public Optional<String> defaultRole() {
        return Optional.ofNullable(defaultRole);
    }

    @Override
    public String toString() {
        return Decisions.describe("FileRouter", rules.size(), defaultRole);
    }

    /** Collects rules; each call validates at once. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private String defaultRole;

        private Builder() {
        }

        /** Files in the directory {@code prefix} (e.g. {@code src/api/}) belong to {@code role}. */
        public Builder prefix(String prefix, String role) {
            rules.add(new Rule(PathPattern.prefix(prefix), role));
            return this;
        }

        /** Files matching {@code glob} (e.g. {@code deploy/**}, see {@link PathPattern}) belong to {@code role}. */
        public Builder glob(String glob, String role) {
            rules.add(new Rule(PathPattern.glob(glob), role));
            return this;
        }

        /** The role for requirements no rule matches; without one the router declines them. */
        public Builder defaultRole(String role) {
            this.defaultRole = RoleNames.require("default role of the file router", role);
            return this;
        }

        /** The router; it needs at least one rule or a default. */
        public FileRouter build() {
            if (rules.isEmpty() && defaultRole == null) {
                throw new IllegalStateException("a file router needs at least one rule or a default role");
            }
            return new FileRouter(rules, defaultRole);
        }
    }
}
