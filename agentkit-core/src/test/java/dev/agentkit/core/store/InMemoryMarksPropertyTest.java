package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryProcessedStore} keeps its marks in flat arrays ({@link MarkLog}); these
 * properties check that it answers, marks, expires and prunes exactly as the map of marks it
 * replaced (kept here as the model), through growth, compaction and emptying, with keys whose
 * hashes collide, keys outside Latin-1, the empty key and a long one.
 */
class InMemoryMarksPropertyTest {
    private static final Duration RETENTION = Duration.ofSeconds(100);
    private static final List<String> KEYS = keys();
    /** With nanoseconds, so the marks' times are compared to the nanosecond. */
    private static final Instant START = Instant.parse("2026-01-01T09:00:00.123456789Z");

    /** One step: mark a key, or let time pass, then every key is asked. */
    record Step(boolean mark, int key, int seconds) {
    }

    @Property(tries = 300)
    void answersAsTheMapOfMarksDid(@ForAll("steps") List<Step> steps, @ForAll boolean forever) {
        ManualClock clock = new ManualClock(START);
        Duration retention = forever ? Duration.ZERO : RETENTION;
        InMemoryProcessedStore store = new InMemoryProcessedStore(retention, clock);
        MapOfMarks model = new MapOfMarks(new Retention(retention), clock);
        for (Step step : steps) {
            if (step.mark()) {
                store.markProcessed(KEYS.get(step.key()));
                model.mark(KEYS.get(step.key()));
            } else {
                clock.advance(Duration.ofSeconds(step.seconds()));
            }
            assertThat(store.size()).isEqualTo(model.size());
            assertThat(store.processedAmong(KEYS)).isEqualTo(model.processedAmong(KEYS));
            for (String key : KEYS) {
                assertThat(store.isProcessed(key)).as(key).isEqualTo(model.isProcessed(key));
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, KEYS.size() - 1), Arbitraries.integers().between(0, 40))
                .as((kind, key, seconds) -> new Step(kind < 8, key, seconds));
        return step.list().ofMinSize(1).ofMaxSize(400);
    }

    @Test
    void aHundredThousandMarksGrowExpireAndEmptyTheStoreAsTheMapDid() {
        ManualClock clock = new ManualClock(START);
        InMemoryProcessedStore store = new InMemoryProcessedStore(RETENTION, clock);
        MapOfMarks model = new MapOfMarks(new Retention(RETENTION), clock);
        for (int i = 0; i < 100_000; i++) {
            String key = "REQUIREMENTS:" + (i % 70_000); // the last 30,000 are marked again
            store.markProcessed(key);
            model.mark(key);
            if (i % 1000 == 999) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        assertThat(store.size()).isEqualTo(model.size()).isEqualTo(70_000);
        clock.advance(RETENTION.minusSeconds(30));
        for (int i = 0; i < 20_000; i++) {
            store.markProcessed("later:" + i);
            model.mark("later:" + i);
        }
        assertThat(store.size()).isEqualTo(model.size());
        for (int i = 0; i < 70_000; i += 7) {
            String key = "REQUIREMENTS:" + i;
            assertThat(store.isProcessed(key)).as(key).isEqualTo(model.isProcessed(key));
        }
        assertThat(store.isProcessed("later:19999")).isTrue();
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "", "ключ", "鍵-1",
                "roy.REQ-1", "roy.REQ-2", "REQUIREMENTS:1", "REQUIREMENTS:2"));
        keys.add("x".repeat(300));
        for (int i = 0; i < 30; i++) {
            keys.add("k" + i);
        }
        return keys;
    }

    /** The store as it was: a linked map of marks, oldest first, pruned a few at a time. */
    private static final class MapOfMarks {
        private final Map<String, Instant> marks = new LinkedHashMap<>();
        private final Retention retention;
        private final AgentClock clock;

        MapOfMarks(Retention retention, AgentClock clock) {
            this.retention = retention;
            this.clock = clock;
        }

        boolean isProcessed(String key) {
            Instant at = marks.get(key);
            return at != null && !retention.expired(at, clock.now());
        }

        Set<String> processedAmong(List<String> keys) {
            Set<String> marked = new HashSet<>();
            keys.stream().filter(this::isProcessed).forEach(marked::add);
            return marked;
        }

        void mark(String key) {
            Instant now = clock.now();
            Iterator<Instant> oldest = marks.values().iterator();
            for (int i = 0; i < Retention.PRUNE_PER_WRITE && oldest.hasNext(); i++) {
                if (!retention.expired(oldest.next(), now)) {
                    break;
                }
                oldest.remove();
            }
            marks.remove(key);
            marks.put(key, now);
        }

        int size() {
            return marks.size();
        }
    }
}
