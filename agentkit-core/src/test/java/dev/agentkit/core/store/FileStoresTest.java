package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.store.StoreKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoresTest {
    @TempDir
    Path dir;

    @Test
    void stateSurvivesANewStoreOnTheSameDirectory() {
        new FileStateStore(dir).put("agent.roy", "{\"cursor\":\"s42\"}");
        assertThat(new FileStateStore(dir).get("agent.roy")).contains("{\"cursor\":\"s42\"}");
    }

    @Test
    void stateCanBeReplacedAndDeleted() {
        FileStateStore store = new FileStateStore(dir);
        store.put("k", "1");
        store.put("k", "2");
        assertThat(store.get("k")).contains("2");
        store.delete("k");
        store.delete("k");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void keysCannotEscapeTheDirectory() throws Exception {
        FileStateStore store = new FileStateStore(dir.resolve("state"));
        store.put("../../etc/passwd", "x");
        store.put("a/b", "y");
        assertThat(store.get("../../etc/passwd")).contains("x");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("state"));
        }
        assertThat(store.get("a.2fb")).as("encoded keys never collide with literal ones").isEmpty();
    }

    @Test
    void processedMarksSurviveANewStore() {
        new FileProcessedStore(dir).markProcessed("roy.REQ-001");
        FileProcessedStore again = new FileProcessedStore(dir);
        again.markProcessed("roy.REQ-001");
        assertThat(again.isProcessed("roy.REQ-001")).isTrue();
        assertThat(again.isProcessed("roy.REQ-002")).isFalse();
    }

    @Test
    void keysLongerThanAFileNameWorkInBothStores() throws Exception {
        String id = "roy.REQ-" + "x".repeat(263);
        String unicode = "roy." + "✓".repeat(267);
        FileProcessedStore processed = new FileProcessedStore(dir.resolve("processed"));
        FileStateStore state = new FileStateStore(dir.resolve("state"));

        processed.markProcessed(id);
        processed.markProcessed(unicode);
        state.put("oversight.letter." + id, "letter");

        assertThat(processed.isProcessed(id)).isTrue();
        assertThat(processed.isProcessed(unicode)).isTrue();
        assertThat(processed.isProcessed(id + "y")).isFalse();
        assertThat(state.get("oversight.letter." + id)).contains("letter");
        try (var files = Files.list(dir.resolve("processed"))) {
            assertThat(files).hasSize(2).allSatisfy(f -> assertThat(f.getFileName().toString())
                    .hasSizeLessThanOrEqualTo(StoreKeys.MAX_LENGTH));
        }
    }

    @Test
    void isProcessedReportsAnIoErrorInsteadOfAnsweringNotProcessed() throws Exception {
        Path marks = dir.resolve("marks");
        FileProcessedStore store = new FileProcessedStore(marks);
        Files.delete(marks);
        Files.writeString(marks, "not a directory any more");

        assertThatThrownBy(() -> store.isProcessed("roy.REQ-001")).isInstanceOf(StoreException.class)
                .hasMessageContaining("roy.REQ-001")
                .satisfies(e -> assertThat(((StoreException) e).isTransient()).as("not a directory").isFalse());
        assertThatThrownBy(() -> store.markProcessed("roy.REQ-001")).isInstanceOf(StoreException.class);
    }
}
