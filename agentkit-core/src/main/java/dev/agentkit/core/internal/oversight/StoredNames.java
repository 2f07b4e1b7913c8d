package dev.agentkit.core.internal.oversight;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A set of item names, lower case and in the order they were added, kept as one JSON list under
 * one key of a {@link StateStore}: the open dead letters of an agent ({@link DeadLetterIndex}),
 * the questions it has waiting ({@code ApprovalBook}).
 */
public final class StoredNames {
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private StoredNames() {
    }

    /** The names under {@code key}; empty if none. */
    public static Set<String> read(StateStore store, String key) {
        return store.get(key).map(json -> new LinkedHashSet<>(Json.mapper().convertValue(Json.read(json, List.class),
                NAMES))).orElseGet(LinkedHashSet::new);
    }

    /** Adds {@code name} at the end unless it is there; writes only when something changed. */
    public static void add(StateStore store, String key, String name) {
        Set<String> names = read(store, key);
        if (names.add(name.toLowerCase(Locale.ROOT))) {
            store.put(key, Json.writeString(names));
        }
    }

    /** Removes {@code name}; writes only when something changed. */
    public static void remove(StateStore store, String key, String name) {
        Set<String> names = read(store, key);
        if (names.remove(name.toLowerCase(Locale.ROOT))) {
            store.put(key, Json.writeString(names));
        }
    }
}
