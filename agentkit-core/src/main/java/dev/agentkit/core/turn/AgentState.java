package dev.agentkit.core.turn;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an agent remembers between turns: string values by key (chat cursor, known APIs, pending
 * alerts, whatever the agent keeps). Loaded from the {@link StateStore} when a turn starts and
 * saved when it ends, as one JSON object under {@code agent.<name>}. Agents reach it through
 * {@code TurnBasedAgent.state()}; it is confined to the turn's thread.
 */
public final class AgentState {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private final TreeMap<String, String> values;

    private AgentState(TreeMap<String, String> values) {
        this.values = values;
    }

    static AgentState load(StateStore store, String agent) {
        return store.get(key(agent))
                .map(json -> new AgentState(Json.mapper().convertValue(Json.read(json, Map.class), MAP)))
                .orElseGet(() -> new AgentState(new TreeMap<>()));
    }

    void save(StateStore store, String agent) {
        store.put(key(agent), Json.writeString(values));
    }

    static String key(String agent) {
        return "agent." + agent;
    }

    /** The value under {@code key}. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Sets {@code key}; saved at the end of the turn. */
    public void put(String key, String value) {
        values.put(key, value);
    }

    /** Removes {@code key}. */
    public void remove(String key) {
        values.remove(key);
    }

    /** The value under {@code key} read as JSON into {@code type}. */
    public <T> Optional<T> getJson(String key, Class<T> type) {
        return get(key).map(v -> Json.read(v, type));
    }

    /** Sets {@code key} to {@code value} written as JSON. */
    public void putJson(String key, Object value) {
        put(key, Json.writeString(value));
    }

    /** Every key, sorted. */
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }
}
