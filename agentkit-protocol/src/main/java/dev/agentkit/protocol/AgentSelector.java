package dev.agentkit.protocol;

import java.util.Objects;

/**
 * Which protocol agent a worker uses: {@code metadata.agent}, {@code metadata.owner} and the
 * instance name, matched against discovery records (§4.2), never turned into a subject.
 *
 * @param agent the harness identifier, e.g. {@code claude-code}
 * @param owner the operator
 * @param name  the instance name (the prompt subject's last token, or {@code metadata.session})
 */
public record AgentSelector(String agent, String owner, String name) {
    public AgentSelector {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
    }

    /** Whether {@code r} is this agent. */
    public boolean matches(AgentRecord r) {
        return agent.equals(r.agent()) && owner.equals(r.owner()) && name.equals(r.name());
    }

    @Override
    public String toString() {
        return agent + "/" + owner + "/" + name;
    }
}
