package dev.agentkit.core.agent;

import dev.agentkit.core.AgentkitException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An agent tried to write or commit paths its {@link Scope} refuses; the message and
 * {@link #refused()} name every offending path and why. Thrown by {@link Scope#requireAllowed}
 * and by {@code GitWorkspace} before anything is committed.
 */
public class ScopeViolationException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    private final transient List<ScopeDecision> refused;

    public ScopeViolationException(String agent, List<ScopeDecision> refused) {
        super(agent + " may not write " + refused.size() + " path(s): "
                + refused.stream().map(ScopeDecision::toString).collect(Collectors.joining("; ")));
        this.refused = List.copyOf(refused);
    }

    /** The refused paths with their reasons. */
    public List<ScopeDecision> refused() {
        return refused;
    }
}
