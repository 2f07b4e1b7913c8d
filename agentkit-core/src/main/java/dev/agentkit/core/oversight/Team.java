package dev.agentkit.core.oversight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents of a team and the role each takes work for ({@code roy → backend}). Oversight needs
 * it to reassign an item to another agent's queue and to report every agent's status. Set on the
 * {@code AgentRuntime} (and the {@link DeadLetterDesk}); immutable, in the order given.
 *
 * @param roles agent name → role
 */
public record Team(Map<String, String> roles) {
    public Team {
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /** A team with nobody on it. */
    public static Team empty() {
        return new Team(Map.of());
    }

    /** A team of {@code agent → role} pairs, in the map's iteration order. */
    public static Team of(Map<String, String> roles) {
        return new Team(roles);
    }

    /** This team plus (or with a new role for) {@code agent}. */
    public Team with(String agent, String role) {
        Map<String, String> copy = new LinkedHashMap<>(roles);
        copy.put(agent, role);
        return new Team(copy);
    }

    /** The role of {@code agent}, if it is on the team. */
    public Optional<String> roleOf(String agent) {
        return Optional.ofNullable(roles.get(agent));
    }

    /** The agents' names, in order. */
    public Set<String> agents() {
        return roles.keySet();
    }
}
