package dev.agentkit.core.turn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an agent remembers between turns: string values by key (known APIs, pending questions,
 * whatever the agent keeps). Loaded from the {@link StateStore} when a turn starts, saved back at
 * once to claim the turn's number, and saved when the turn ends, as one JSON value under
 * {@code agent.<name>}; every save is conditional on the version last loaded or saved, so a turn
 * that lost its lease cannot overwrite a newer turn's state. Agents reach it through
 * {@code TurnBasedAgent.state()}; it is confined to the turn's thread.
 *
 * <p>agentkit's own keys (the turn count, the chat cursor, posts kept for a later turn, the usage
 * ledger) live in a section of the same value apart from these, so an agent's keys never meet
 * them and one write saves both: {@code {"format":2,"internal":{...},"user":{...}}}. A value in
 * the older layout (one flat object) is read with those keys moved to their section, so an
 * agent's cursor and turn count survive an upgrade.
 */
public final class AgentState {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final int FORMAT = 2;
    /** The keys agentkit kept among the agent's own before they had their section. */
    private static final Set<String> LEGACY_INTERNAL_KEYS = Set.of(StateFence.TURN_COUNT_KEY, ChatStep.CURSOR_KEY,
            ChatOutbox.PENDING_KEY, BudgetGuard.KEY, TurnCycle.BUDGET_SAID_KEY);

    private final TreeMap<String, String> values;
    private final Internal internal;
    private long version;

    /** agentkit's own keys, apart from the agent's: same value, same save. */
    static final class Internal {
        private final TreeMap<String, String> values;

        private Internal(TreeMap<String, String> values) {
            this.values = values;
        }

        Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        void put(String key, String value) {
            values.put(key, value);
        }

        void remove(String key) {
            values.remove(key);
        }
    }

    private AgentState(TreeMap<String, String> values, TreeMap<String, String> internal, long version) {
        this.values = values;
        this.internal = new Internal(internal);
        this.version = version;
    }

    static AgentState load(StateStore store, String agent) {
        return store.getVersioned(key(agent)).map(v -> read(v.value(), v.version()))
                .orElseGet(() -> new AgentState(new TreeMap<>(), new TreeMap<>(), StateStore.ABSENT));
    }

    /** The stored value read in either layout: sectioned, or the older flat one. */
    private static AgentState read(String json, long version) {
        JsonNode root = Json.read(json, JsonNode.class);
        if (root.path("format").isNumber()) {
            return new AgentState(section(root.path("user")), section(root.path("internal")), version);
        }
        TreeMap<String, String> user = section(root);
        TreeMap<String, String> internal = new TreeMap<>();
        LEGACY_INTERNAL_KEYS.forEach(k -> {
            String v = user.remove(k);
            if (v != null) {
                internal.put(k, v);
            }
        });
        return new AgentState(user, internal, version);
    }

    private static TreeMap<String, String> section(JsonNode node) {
        return node.isObject() ? Json.mapper().convertValue(node, MAP) : new TreeMap<>();
    }

    /**
     * Saves the state if no one else saved it since this turn loaded or last saved it; false, with
     * nothing written, when someone did (another turn of the agent).
     */
    boolean saveFenced(StateStore store, String agent) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("format", FORMAT);
        stored.put("internal", internal.values);
        stored.put("user", values);
        OptionalLong written = store.putIfVersion(key(agent), Json.writeString(stored), version);
        written.ifPresent(v -> version = v);
        return written.isPresent();
    }

    /** agentkit's own section. */
    Internal internal() {
        return internal;
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
