package dev.agentkit.core.agent;

import java.util.Objects;

/**
 * The answer of {@link Scope#check(String)}: whether the agent may write a path, and why (or
 * why not) in a sentence fit for a log line, an exception or a reply to the agent.
 *
 * @param path    the path as it was asked about
 * @param verdict allowed, or which rule refused it
 * @param reason  a sentence naming the rule, e.g. {@code inside /src/frontend/, which Roy must not modify}
 */
public record ScopeDecision(String path, Verdict verdict, String reason) {

    /** Allowed, or the reason class of a refusal. */
    public enum Verdict {
        /** Inside a path the agent owns, and in no denied path. */
        ALLOWED,
        /** Inside the workspace, but in none of the agent's owned paths. */
        NOT_OWNED,
        /** Inside a path the sheet says the agent must not modify (denied wins over owned). */
        DENIED,
        /** Outside the workspace: by {@code ..}, by an absolute path elsewhere, or through a symbolic link. */
        ESCAPES_WORKSPACE
    }

    public ScopeDecision {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the write is allowed. */
    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }

    /** {@code path: reason}. */
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
