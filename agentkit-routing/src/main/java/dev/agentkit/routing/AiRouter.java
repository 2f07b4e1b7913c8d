package dev.agentkit.routing;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import dev.agentkit.routing.llm.LanguageModel;
import dev.agentkit.routing.llm.LanguageModelTimeoutException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a requirement by asking a {@link LanguageModel} which role should own it. The prompt
 * lists every known role with its scope (role → description, e.g. from the agents' character
 * sheets), then the requirement's id, statement, tags and files, and asks for one role name.
 *
 * <p>The answer is accepted only if, ignoring case, whitespace and punctuation, it is exactly
 * one known role: {@code " Backend."} and {@code "**backend**"} are {@code backend}, while
 * {@code "backend or frontend"} and {@code "the backend team"} are not accepted. An answer that
 * names no known role, a timeout and any other failure of the model make the router decline
 * (with a WARN log saying why), so a {@link ChainRouter} falls back to the next router or its
 * default. The reason of an accepted decision quotes the model's answer. The router adds no
 * timeout of its own: it relies on the {@link LanguageModel} contract that {@code complete}
 * returns or throws within the model's bounded timeout. Used by {@code QueueDrainer}, normally
 * after the rule-based routers in a chain.
 *
 * <pre>{@code
 * Router byModel = AiRouter.builder(AnthropicLanguageModel.fromEnvironment())
 *         .role("backend", "APIs, database, server-side logic")
 *         .role("frontend", "UI components, pages, accessibility")
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe if the model is.
 */
public final class AiRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(AiRouter.class);
    private static final int QUOTE_LIMIT = 80;
    static final String SYSTEM = "You assign software requirements to the one team role that should own them. "
            + "Answer with exactly one role name from the list you are given, and nothing else.";

    private final LanguageModel model;
    private final Map<String, String> roles;
    private final Map<String, String> roleByKey;

    private AiRouter(LanguageModel model, Map<String, String> roles, Map<String, String> roleByKey) {
        this.model = model;
        this.roles = roles;
        this.roleByKey = roleByKey;
    }

    /** A builder asking {@code model}; add the roles it may choose from. */
    public static Builder builder(LanguageModel model) {
        return new Builder(model);
    }

    @Override
    public Optional<RoutingDecision> route(Requirement requirement) {
        String answer;
        try {
            answer = model.complete(SYSTEM, prompt(requirement));
        } catch (LanguageModelTimeoutException e) {
            log.warn("{}: the language model timed out; declining: {}", requirement.id(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("{}: the language model failed; declining: {}", requirement.id(), e.toString());
            return Optional.empty();
        }
        if (answer == null) {
            log.warn("{}: the language model returned no answer; declining", requirement.id());
            return Optional.empty();
        }
        String role = roleByKey.get(key(answer));
        if (role == null) {
            log.warn("{}: the language model answered {}, which is not one of {}; declining",
                    requirement.id(), quote(answer), roles.keySet());
            return Optional.empty();
        }
        String reason = "language model answered " + quote(answer);
        log.debug("{} -> {}: {}", requirement.id(), role, reason);
        return Optional.of(new RoutingDecision(role, reason));
    }

    /** The question put to the model for {@code requirement}: the roles, then the requirement. */
    String prompt(Requirement requirement) {
        StringBuilder p = new StringBuilder("Roles:\n");
        roles.forEach((role, scope) -> p.append("- ").append(role).append(": ").append(scope).append('\n'));
        p.append("\nRequirement ").append(requirement.id()).append(": ").append(requirement.statement()).append('\n');
        if (!requirement.tags().isEmpty()) {
            p.append("Tags: ").append(String.join(", ", requirement.tags())).append('\n');
        }
        if (!requirement.files().isEmpty()) {
            p.append("Likely files: ").append(String.join(", ", requirement.files())).append('\n');
        }
        return p.append("\nWhich role should own this requirement? Answer with the role name only.").toString();
    }

    /** The roles the model may choose from, with their scope, in prompt order. */
    public Map<String, String> roles() {
        return roles;
    }

    /** A role or an answer without case, whitespace and punctuation: {@code " Back-end!"} is {@code backend}. */
    static String key(String text) {
        StringBuilder k = new StringBuilder();
        text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(k::appendCodePoint);
        return k.toString();
    }

    private static String quote(String answer) {
        String flat = answer.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() <= QUOTE_LIMIT ? flat : flat.substring(0, QUOTE_LIMIT - 3) + "...") + "'";
    }

    @Override
    public String toString() {
        return "AiRouter" + roles.keySet();
    }

    /** Collects the roles; each call validates at once. */
    public static final class Builder {
        private final LanguageModel model;
        private final Map<String, String> roles = new LinkedHashMap<>();
        private final Map<String, String> roleByKey = new LinkedHashMap<>();

        private Builder(LanguageModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Adds a role the model may choose, with its scope in a sentence or two. */
        public Builder role(String role, String scope) {
            RoleNames.require("role of the AI router", role);
            if (scope == null || scope.isBlank()) {
                throw new IllegalArgumentException("scope of role '" + role + "' must not be blank");
            }
            String other = roleByKey.putIfAbsent(key(role), role);
            if (other != null) {
                throw new IllegalArgumentException("role '" + role + "' cannot be told apart from role '" + other
                        + "' in a model's answer");
            }
            roles.put(role, scope.strip().replaceAll("\\s+", " "));
            return this;
        }

        /** Adds every role of {@code scopes} (role → scope), in the map's order. */
        public Builder roles(Map<String, String> scopes) {
            scopes.forEach(this::role);
            return this;
        }

        /** The router; it needs at least one role. */
        public AiRouter build() {
            if (roles.isEmpty()) {
                throw new IllegalStateException("an AI router needs at least one role to choose from");
            }
            return new AiRouter(model, Collections.unmodifiableMap(new LinkedHashMap<>(roles)), Map.copyOf(roleByKey));
        }
    }
}
