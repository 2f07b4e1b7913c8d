package dev.agentkit.core.turn;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an agent remembers between turns: string values by key (chat cursor, known APIs, pending
 * alerts, whatever the agent keeps). Loaded from the {@link StateStore} when a turn starts, saved
 * back at once to claim the turn's number, and saved when the turn ends, as one JSON object under
 * {@code agent.<name>}; every save is conditional on the version last loaded or saved, so a turn
 * that lost its lease cannot overwrite a newer turn's state. Agents reach it through
 * {@code TurnBasedAgent.state()}; it is confined to the turn's thread.
 */
public final class AgentState {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private final TreeMap<String, String> values;
    private long version;

    private AgentState(TreeMap<String, String> values, long version) {
        this.values = values;
        this.version = version;
    }

    static AgentState load(StateStore store, String agent) {
        return store.getVersioned(key(agent))
                .map(v -> new AgentState(Json.mapper().convertValue(Json.read(v.value(), Map.class), MAP), v.version()))
                .orElseGet(() -> new AgentState(new TreeMap<>(), StateStore.ABSENT));
    }

    /**
     * Saves the state if no one else saved it since this turn loaded or last saved it; false, with
     * nothing written, when someone did (another turn of the agent).
     */
    boolean saveFenced(StateStore store, String agent) {
        OptionalLong written = store.putIfVersion(key(agent), Json.writeString(values), version);
        written.ifPresent(v -> version = v);
        return written.isPresent();
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
