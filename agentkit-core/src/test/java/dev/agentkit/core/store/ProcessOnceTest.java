package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessOnceTest {
    @TempDir
    Path dir;

    /** A delivery that records how it was settled. */
    static final class RecordingDelivery implements Delivery {
        final List<String> settled = new ArrayList<>();

        @Override
        public Envelope envelope() {
            return Envelope.ofJson(Map.of("id", "REQ-001"));
        }

        @Override
        public String subject() {
            return "work.requirements.backend";
        }

        @Override
        public String stream() {
            return "REQUIREMENTS";
        }

        @Override
        public long streamSequence() {
            return 1;
        }

        @Override
        public int deliveryCount() {
            return 1;
        }

        @Override
        public void ack() {
            settled.add("ack");
        }

        @Override
        public void nak(Duration delay) {
            settled.add("nak");
        }

        @Override
        public void term(String reason) {
            settled.add("term");
        }

        @Override
        public void inProgress() {
            settled.add("progress");
        }
    }

    @Test
    void workRunsOnceAndTheSecondCallIsSkipped() {
        ProcessedStore store = new InMemoryProcessedStore();
        List<String> effects = new ArrayList<>();

        assertThat(store.processOnce("roy.REQ-001", () -> effects.add("built"))).isTrue();
        assertThat(store.processOnce("roy.REQ-001", () -> effects.add("built again"))).isFalse();

        assertThat(effects).containsExactly("built");
        assertThat(store.isProcessed("roy.REQ-001")).isTrue();
    }

    @Test
    void failingWorkLeavesTheKeyUnmarkedAndItsExceptionPassesThrough() {
        ProcessedStore store = new InMemoryProcessedStore();

        assertThatThrownBy(() -> store.processOnce("roy.REQ-002", () -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(store.isProcessed("roy.REQ-002")).isFalse();
        assertThat(store.processOnce("roy.REQ-002", () -> { })).isTrue();
    }

    @Test
    void theKeyIsMarkedOnlyAfterTheWorkReturned() {
        ProcessedStore store = new InMemoryProcessedStore();
        List<Boolean> markedDuringWork = new ArrayList<>();

        store.processOnce("k", () -> markedDuringWork.add(store.isProcessed("k")));

        assertThat(markedDuringWork).containsExactly(false);
    }

    @Test
    void aFileStoreRemembersProcessedWorkAcrossARestart() {
        List<String> effects = new ArrayList<>();
        new FileProcessedStore(dir).processOnce("roy.REQ-001", () -> effects.add("first process"));

        ProcessedStore afterRestart = new FileProcessedStore(dir);
        boolean ran = afterRestart.processOnce("roy.REQ-001", () -> effects.add("second process"));

        assertThat(ran).isFalse();
        assertThat(effects).containsExactly("first process");
    }

    @Test
    void theDeliveryIsAckedWhenTheWorkRanAndWhenItWasAlreadyDone() {
        ProcessedStore store = new InMemoryProcessedStore();
        RecordingDelivery first = new RecordingDelivery();
        RecordingDelivery redelivery = new RecordingDelivery();

        assertThat(store.processOnce(first, "roy.REQ-001", () -> { })).isTrue();
        assertThat(store.processOnce(redelivery, "roy.REQ-001", () -> {
            throw new AssertionError("must not run twice");
        })).isFalse();

        assertThat(first.settled).containsExactly("ack");
        assertThat(redelivery.settled).containsExactly("ack");
    }

    @Test
    void theDeliveryIsLeftUnsettledWhenTheWorkFails() {
        ProcessedStore store = new InMemoryProcessedStore();
        RecordingDelivery d = new RecordingDelivery();

        assertThatThrownBy(() -> store.processOnce(d, "roy.REQ-003", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(d.settled).isEmpty();
        assertThat(store.isProcessed("roy.REQ-003")).isFalse();
    }
}
