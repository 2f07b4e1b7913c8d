package dev.agentkit.testing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.store.FileProcessedStore;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.testing.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processed stores forget marks older than their retention, and prune them a few per write, on virtual time. */
class ProcessedStoreRetentionTest {
    private static final Duration RETENTION = Duration.ofDays(10);
    private final VirtualClock clock = new VirtualClock();

    @TempDir
    static Path root;

    static Stream<Function<VirtualClock, ProcessedStore>> stores() {
        return Stream.of(c -> new InMemoryProcessedStore(RETENTION, c),
                c -> new FileProcessedStore(fresh(), RETENTION, c));
    }

    private static int dirs;

    private static Path fresh() {
        return root.resolve("store-" + dirs++);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aMarkIsKeptForTheRetentionThenForgotten(Function<VirtualClock, ProcessedStore> make) {
        ProcessedStore store = make.apply(clock);
        store.markProcessed("roy.REQ-1");

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(store.isProcessed("roy.REQ-1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.isProcessed("roy.REQ-1")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void markingAgainStartsTheRetentionAnew(Function<VirtualClock, ProcessedStore> make) {
        ProcessedStore store = make.apply(clock);
        store.markProcessed("roy.REQ-1");
        clock.advance(Duration.ofDays(9));
        store.markProcessed("roy.REQ-1");

        clock.advance(Duration.ofDays(9));
        assertThat(store.isProcessed("roy.REQ-1")).isTrue();
    }

    @Test
    void theMemoryStorePrunesAtMostEightOldMarksPerWrite() {
        InMemoryProcessedStore store = new InMemoryProcessedStore(RETENTION, clock);
        for (int i = 0; i < 100; i++) {
            store.markProcessed("old-" + i);
        }
        clock.advance(RETENTION);

        store.markProcessed("new-0");
        assertThat(store.size()).isEqualTo(100 - 8 + 1);
        for (int i = 1; i < 13; i++) {
            store.markProcessed("new-" + i);
        }
        assertThat(store.size()).as("the old marks are gone, the new kept").isEqualTo(13);
        assertThat(store.isProcessed("new-0")).isTrue();
    }

    @Test
    void theFileStoreDeletesOldMarkersAFewPerWriteAndLeavesOtherFilesAlone() throws IOException {
        Path dir = fresh();
        FileProcessedStore store = new FileProcessedStore(dir, RETENTION, clock);
        for (int i = 0; i < 50; i++) {
            store.markProcessed("old-" + i);
        }
        Path notAMarker = dir.resolve("notes.txt");
        Files.writeString(notAMarker, "someone else's file");
        Files.setLastModifiedTime(notAMarker, FileTime.from(clock.now()));
        clock.advance(RETENTION);

        store.markProcessed("new-0");
        assertThat(count(dir)).as("one write looks at eight entries").isBetween(50L + 2 - 8, 50L + 2 - 1);
        for (int i = 1; i < 10; i++) {
            store.markProcessed("new-" + i);
        }

        assertThat(count(dir)).as("ten new markers and the other file").isEqualTo(11L);
        assertThat(notAMarker).exists();
        assertThat(store.isProcessed("new-0")).isTrue();
        assertThat(store.isProcessed("old-0")).isFalse();
    }

    @Test
    void aZeroRetentionKeepsMarksForEver() {
        ProcessedStore memory = new InMemoryProcessedStore(Duration.ZERO, clock);
        ProcessedStore file = new FileProcessedStore(fresh(), Duration.ZERO, clock);
        memory.markProcessed("roy.REQ-1");
        file.markProcessed("roy.REQ-1");

        clock.advance(Duration.ofDays(3650));
        memory.markProcessed("roy.REQ-2");
        file.markProcessed("roy.REQ-2");

        assertThat(memory.isProcessed("roy.REQ-1")).isTrue();
        assertThat(file.isProcessed("roy.REQ-1")).isTrue();
    }

    @Test
    void theDefaultRetentionIsThirtyDaysAndANegativeOneIsRefused() {
        assertThat(ProcessedStore.DEFAULT_RETENTION).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> new InMemoryProcessedStore(Duration.ofDays(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileProcessedStore(fresh(), Duration.ofDays(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
