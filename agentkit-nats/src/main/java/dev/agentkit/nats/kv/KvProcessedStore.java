package dev.agentkit.nats.kv;

import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@link ProcessedStore} in a NATS KV bucket, so every process of a team sees which items are
 * done: a redelivery that reaches another instance, or the same one after a restart, is not
 * processed twice. Each key holds the time it was marked. Keys may be any string.
 *
 * <p>Made by applications for {@code AgentRuntime.builder(broker).processedStore(..)}. The
 * bucket (default {@value #DEFAULT_BUCKET}) is created on first use; give it a time to live to
 * forget old items.
 */
public final class KvProcessedStore implements ProcessedStore {
    /** The bucket used when none is named. */
    public static final String DEFAULT_BUCKET = "agentkit_processed";

    private final KeyValue kv;
    private final String bucket;
    private final AgentClock clock;

    private KvProcessedStore(KvBucket bucket, AgentClock clock) {
        this.kv = bucket.kv();
        this.bucket = bucket.name();
        this.clock = clock;
    }

    /** The store in bucket {@value #DEFAULT_BUCKET}, kept for ever. */
    public static KvProcessedStore open(Connection nc) {
        return open(nc, DEFAULT_BUCKET, Duration.ZERO, AgentClock.system());
    }

    /**
     * The store in {@code bucket}, created if missing with marks kept for {@code ttl} (zero: for
     * ever), stamped by {@code clock}.
     */
    public static KvProcessedStore open(Connection nc, String bucket, Duration ttl, AgentClock clock) {
        KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(bucket)
                .maxHistoryPerKey(1).storageType(StorageType.File);
        if (!ttl.isZero()) {
            config.ttl(ttl);
        }
        return new KvProcessedStore(KvBucket.open(nc, config.build()), clock);
    }

    @Override
    public boolean isProcessed(String key) {
        try {
            return kv.get(KvKeys.encode(key)) != null;
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("read processed mark " + key + " in KV bucket " + bucket, e);
        }
    }

    @Override
    public void markProcessed(String key) {
        try {
            kv.put(KvKeys.encode(key), clock.now().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("mark " + key + " processed in KV bucket " + bucket, e);
        }
    }

    @Override
    public String toString() {
        return "KvProcessedStore[" + bucket + "]";
    }
}
