package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batched read and the asynchronous mark answer as the one-key calls do, for every store in core. */
class BatchedMarksTest {
    @TempDir
    Path dir;

    @Test
    void processedAmongNamesExactlyTheMarkedKeysOfTheInMemoryAndFileStores() {
        for (ProcessedStore store : List.of(new InMemoryProcessedStore(), new FileProcessedStore(dir))) {
            store.markProcessed("roy.REQ-1");
            store.markProcessedAsync("roy.REQ-3").join();

            assertThat(store.processedAmong(List.of("roy.REQ-1", "roy.REQ-2", "roy.REQ-3", "jen.REQ-1")))
                    .as("%s", store).containsExactly("roy.REQ-1", "roy.REQ-3");
            assertThat(store.processedAmong(List.of())).isEmpty();
            assertThat(store.isProcessed("roy.REQ-3")).isTrue();
        }
    }

    @Test
    void aMarkThatFailsFailsItsFutureAndAReadThatFailsIsThrown() {
        ProcessedStore broken = new ProcessedStore() {
            @Override
            public boolean isProcessed(String key) {
                throw new StoreException("cannot read " + key, true, null);
            }

            @Override
            public void markProcessed(String key) {
                throw new StoreException("cannot write " + key, true, null);
            }
        };

        CompletableFuture<Void> mark = broken.markProcessedAsync("roy.REQ-1");

        assertThat(mark).isCompletedExceptionally();
        assertThatThrownBy(mark::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class).hasMessageContaining("cannot write roy.REQ-1");
        assertThatThrownBy(() -> broken.processedAmong(List.of("roy.REQ-1")))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot read roy.REQ-1");
    }
}
