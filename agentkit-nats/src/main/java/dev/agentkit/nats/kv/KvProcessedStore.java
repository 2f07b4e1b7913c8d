package dev.agentkit.nats.kv;

import dev.agentkit.core.internal.store.StoreKeys;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.time.AgentClock;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProcessedStore} in a NATS KV bucket, so every process of a team sees which items are
 * done: a redelivery that reaches another instance, or the same one after a restart, is not
 * processed twice. Each key holds the time it was marked. Keys may be any string: long or odd
 * ones are shortened to a bounded key ({@code KvKeys}).
 *
 * <p>Made by applications for {@code AgentRuntime.builder(broker).processedStore(..)}. The
 * bucket (default {@value #DEFAULT_BUCKET}) is created on first use with a time to live (the
 * bucket's max age, {@link #DEFAULT_TTL} unless told otherwise), after which the server forgets a
 * mark; an existing bucket keeps its own, which is logged when it differs. A transient failure (a
 * lost server, a failover on a cluster) is retried for up to 15 s, logged, before it is reported:
 * a lost mark would let an applied item be applied again.
 */
public final class KvProcessedStore implements ProcessedStore {
    /** The bucket used when none is named. */
    public static final String DEFAULT_BUCKET = "agentkit_processed";
    /**
     * The time to live of a new bucket's marks: {@link ProcessedStore#DEFAULT_RETENTION} (30
     * days), longer than the default streams keep a message (7 days), so no redelivery outlives
     * its mark.
     */
    public static final Duration DEFAULT_TTL = ProcessedStore.DEFAULT_RETENTION;
    private static final Logger log = LoggerFactory.getLogger(KvProcessedStore.class);

    private final KeyValue kv;
    private final String bucket;
    private final AgentClock clock;

    private KvProcessedStore(KvBucket bucket, AgentClock clock) {
        this.kv = bucket.kv();
        this.bucket = bucket.name();
        this.clock = clock;
    }

    /** The store in bucket {@value #DEFAULT_BUCKET}, marks kept for {@link #DEFAULT_TTL}. */
    public static KvProcessedStore open(Connection nc) {
        return open(nc, DEFAULT_BUCKET, DEFAULT_TTL, AgentClock.system());
    }

    /**
     * The store in {@code bucket}, created if missing with marks kept for {@code ttl} (zero: for
     * ever; {@link #DEFAULT_TTL} is what {@link #open(Connection)} takes), stamped by {@code clock}.
     */
    public static KvProcessedStore open(Connection nc, String bucket, Duration ttl, AgentClock clock) {
        return open(nc, bucket, ttl, clock, 1);
    }

    /**
     * As {@link #open(Connection, String, Duration, AgentClock)}, a bucket created with
     * {@code replicas} copies (3 on a cluster, so the marks survive a lost server).
     */
    public static KvProcessedStore open(Connection nc, String bucket, Duration ttl, AgentClock clock, int replicas) {
        KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(bucket)
                .maxHistoryPerKey(1).storageType(StorageType.File).replicas(replicas);
        if (!ttl.isZero()) {
            config.ttl(ttl);
        }
        KvBucket opened = KvBucket.open(nc, config.build());
        Duration kept = opened.config().getTtl() == null ? Duration.ZERO : opened.config().getTtl();
        if (!kept.equals(ttl)) {
            log.info("KV bucket {} exists and keeps processed marks for {} (zero: for ever), not the {} asked for",
                    bucket, kept, ttl);
        }
        return new KvProcessedStore(opened, clock);
    }

    @Override
    public boolean isProcessed(String key) {
        return KvRetry.call("read processed mark " + StoreKeys.preview(key) + " in KV bucket " + bucket,
                () -> kv.get(KvKeys.encode(key)) != null);
    }

    @Override
    public void markProcessed(String key) {
        KvRetry.call("mark " + StoreKeys.preview(key) + " processed in KV bucket " + bucket,
                () -> kv.put(KvKeys.encode(key), clock.now().toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "KvProcessedStore[" + bucket + "]";
    }
}
