package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The conditional put of the state stores: it writes only at the version that was read. */
class StateStoreVersionsTest {
    @TempDir
    Path dir;

    private StateStore store(String kind) {
        return switch (kind) {
            case "memory" -> new InMemoryStateStore();
            case "file" -> new FileStateStore(dir);
            default -> new PlainStore();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void aPutAtTheVersionReadWinsAndAStaleOneChangesNothing(String kind) {
        StateStore store = store(kind);
        assertThat(store.getVersioned("agent.roy")).isEmpty();
        long v1 = store.putIfVersion("agent.roy", "{\"turn.count\":\"1\"}", StateStore.ABSENT).orElseThrow();
        assertThat(store.putIfVersion("agent.roy", "{\"turn.count\":\"1\"}", StateStore.ABSENT))
                .as("a second create").isEmpty();
        assertThat(store.getVersioned("agent.roy")).contains(new StateStore.Versioned("{\"turn.count\":\"1\"}", v1));

        long v2 = store.putIfVersion("agent.roy", "{\"turn.count\":\"2\"}", v1).orElseThrow();
        assertThat(v2).isNotEqualTo(v1).isPositive();
        assertThat(store.putIfVersion("agent.roy", "{\"turn.count\":\"9\"}", v1)).as("stale").isEmpty();
        assertThat(store.get("agent.roy")).contains("{\"turn.count\":\"2\"}");

        store.put("agent.roy", "{\"turn.count\":\"3\"}");
        assertThat(store.putIfVersion("agent.roy", "{}", v2)).as("a plain put moves the version").isEmpty();
        assertThat(store.putIfVersion("agent.roy", "{}", StateStore.UNVERSIONED)).isPresent();
        assertThat(store.get("agent.roy")).contains("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain"})
    void aStoreWithoutVersionsKeepsWorkingUnconditionally(String kind) {
        StateStore store = store(kind);
        assertThat(store.putIfVersion("k", "a", StateStore.ABSENT)).isEqualTo(OptionalLong.of(StateStore.UNVERSIONED));
        assertThat(store.getVersioned("k")).contains(new StateStore.Versioned("a", StateStore.UNVERSIONED));
        assertThat(store.putIfVersion("k", "b", StateStore.UNVERSIONED)).isPresent();
        assertThat(store.get("k")).contains("b");
    }

    /** A store written before versions existed: get, put and delete only. */
    private static final class PlainStore implements StateStore {
        private final java.util.Map<String, String> values = new java.util.HashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }
    }
}
