package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.RealNatsSupport;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the KV processed store's batched read ({@code processedAmong}, pipelined direct gets)
 * and asynchronous mark ({@code markProcessedAsync}) answer exactly as {@code isProcessed} and
 * {@code markProcessed} do, on a real server. The server going away is in {@link KvMarksOutageIT}.
 */
class KvBatchedMarksIT extends RealNatsSupport {

    @Test
    void processedAmongNamesTheMarkedKeysAndNotTheUnmarkedDeletedOrPurgedOnes() throws Exception {
        Connection nc = connect();
        String bucket = unique("processed");
        KvProcessedStore store = KvProcessedStore.open(nc, bucket, Duration.ZERO, AgentClock.system());
        List<String> keys = List.of("roy.REQ-1", "roy.REQ-2", "roy.REQ-3", "roy.REQ-4", "roy.REQ-5");
        keys.forEach(store::markProcessed);
        KeyValue raw = nc.keyValue(bucket);
        raw.delete(KvKeys.encode("roy.REQ-3"));
        raw.purge(KvKeys.encode("roy.REQ-4"));
        store.markProcessed("roy.REQ-5");
        raw.delete(KvKeys.encode("roy.REQ-5"));
        store.markProcessed("roy.REQ-5");                      // marked again after a delete

        List<String> asked = List.of("roy.REQ-1", "jen.REQ-1", "roy.REQ-2", "roy.REQ-3", "roy.REQ-4", "roy.REQ-5",
                "roy.REQ-1", "roy.REQ-6");
        assertThat(store.processedAmong(asked)).containsExactlyInAnyOrder("roy.REQ-1", "roy.REQ-2", "roy.REQ-5");
        assertThat(asked.stream().filter(store::isProcessed).distinct())
                .containsExactlyInAnyOrder("roy.REQ-1", "roy.REQ-2", "roy.REQ-5");
        assertThat(store.processedAmong(List.of())).isEmpty();
    }

    @Test
    void processedAmongReadsLongAndOddKeys() {
        KvProcessedStore store = KvProcessedStore.open(connect(), unique("processed"), Duration.ZERO,
                AgentClock.system());
        List<String> ids = List.of("REQ-" + "x".repeat(263), "REQ." + "a.b c/d=".repeat(33) + "end",
                "✓".repeat(267), "日本語のメッセージ".repeat(300), "a b", "*", ">", "$KV.x", "=41");
        ids.forEach(id -> store.markProcessed("roy." + id));

        List<String> asked = Stream.concat(ids.stream().map(id -> "roy." + id), ids.stream().map(id -> "jen." + id))
                .toList();

        assertThat(store.processedAmong(asked)).containsExactlyInAnyOrderElementsOf(asked.subList(0, ids.size()));
    }

    @Test
    void theOneGetPerKeyOfServersBefore211AnswersAsTheBatchGets() throws Exception {
        Connection nc = connect();
        String bucket = unique("processed");
        KvProcessedStore store = KvProcessedStore.open(nc, bucket, Duration.ZERO, AgentClock.system());
        List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> KvKeys.encode("roy.REQ-" + i)).toList();
        List<CompletableFuture<Void>> marks = new ArrayList<>();
        IntStream.range(0, 2_500).filter(i -> i % 3 != 0).forEach(i -> marks.add(store.markProcessedAsync("roy.REQ-" + i)));
        CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        KeyValue raw = nc.keyValue(bucket);
        raw.delete(keys.get(1));
        raw.purge(keys.get(2));
        KvPipeline pipeline = KvPipeline.of(nc, KvBucket.open(nc, KeyValueConfiguration.builder().name(bucket).build()))
                .orElseThrow();

        Set<String> batched = pipeline.present(keys, true);

        assertThat(pipeline.present(keys, false)).isEqualTo(batched);
        assertThat(batched).hasSize(2_500 - 834 - 2).doesNotContain(keys.get(0), keys.get(1), keys.get(2), keys.get(3))
                .contains(keys.get(4), keys.get(2_498)).doesNotContain(keys.get(2_499));
        assertThat(pipeline.present(keys.subList(0, 1), true)).isEmpty();
        assertThat(pipeline.present(keys.subList(0, 1), false)).isEmpty();
    }

    @Test
    void aBucketWithoutDirectGetsIsReadKeyByKey() throws Exception {
        Connection nc = connect();
        String bucket = unique("nodirect");
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("KV_" + bucket)
                .subjects("$KV." + bucket + ".>").maxMessagesPerSubject(1).storageType(StorageType.File)
                .allowRollup(true).denyDelete(true).discardPolicy(DiscardPolicy.New).allowDirect(false).build());
        KvProcessedStore store = KvProcessedStore.open(nc, bucket, Duration.ZERO, AgentClock.system());
        store.markProcessed("roy.REQ-1");
        store.markProcessedAsync("roy.REQ-2").get(10, TimeUnit.SECONDS);
        store.markProcessed("roy.REQ-3");
        nc.keyValue(bucket).delete(KvKeys.encode("roy.REQ-3"));

        assertThat(store.processedAmong(List.of("roy.REQ-1", "roy.REQ-2", "roy.REQ-3", "roy.REQ-4")))
                .containsExactlyInAnyOrder("roy.REQ-1", "roy.REQ-2");
    }

    @Test
    void manyMarksInFlightAllCompleteAndAreSeenByAnotherProcess() throws Exception {
        String bucket = unique("processed");
        KvProcessedStore store = KvProcessedStore.open(connect(), bucket, Duration.ZERO, AgentClock.system());
        List<String> keys = IntStream.range(0, 2_000).mapToObj(i -> "roy.REQ-" + i).toList();

        List<CompletableFuture<Void>> marks = new ArrayList<>();
        for (String key : keys) {
            marks.add(store.markProcessedAsync(key));
        }
        CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        KvProcessedStore other = KvProcessedStore.open(connect(), bucket, Duration.ZERO, AgentClock.system());
        assertThat(other.processedAmong(keys)).hasSize(keys.size());
        assertThat(other.isProcessed("roy.REQ-1999")).isTrue();
        assertThat(other.processedAmong(List.of("roy.REQ-2000", "roy.REQ-0"))).containsExactly("roy.REQ-0");
    }

    @Test
    void aMarkTheServerRefusesFailsItsFutureWithTheServersReason() throws Exception {
        Connection nc = connect();
        String bucket = unique("small");
        // a mark's value is its time (about 24 bytes): this bucket refuses every one
        nc.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket).maxValueSize(8).build());
        KvProcessedStore store = KvProcessedStore.open(nc, bucket, Duration.ZERO, AgentClock.system());

        CompletableFuture<Void> mark = store.markProcessedAsync("roy.REQ-1");

        assertThatThrownBy(() -> mark.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .rootCause().hasMessageContaining("message size exceeds maximum allowed");
        assertThat(store.isProcessed("roy.REQ-1")).isFalse();
    }
}
