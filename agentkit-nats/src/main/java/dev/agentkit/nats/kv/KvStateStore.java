package dev.agentkit.nats.kv;

import dev.agentkit.core.store.StateStore;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link StateStore} in a NATS KV bucket: agents' cursors and knowledge survive restarts and
 * are shared by every process of the team. Keys may be any string; values are UTF-8 text.
 *
 * <p>Made by applications for {@code AgentRuntime.builder(broker).stateStore(..)}. The bucket
 * (default {@value #DEFAULT_BUCKET}) is created on first use and keeps {@value #HISTORY} values
 * per key, so a bad write can be looked up with {@code nats kv history}. A transient failure (a
 * lost server, a failover on a cluster) is retried, logged, for up to 15 s before it is reported.
 * Versions are the keys' KV revisions: {@link #putIfVersion} is a KV {@code create} (for
 * {@link #ABSENT}) or {@code update} on the revision that was read.
 */
public final class KvStateStore implements StateStore {
    /** The bucket used when none is named. */
    public static final String DEFAULT_BUCKET = "agentkit_state";
    /** Values kept per key. */
    public static final int HISTORY = 5;

    private final KeyValue kv;
    private final String bucket;

    private KvStateStore(KvBucket bucket) {
        this.kv = bucket.kv();
        this.bucket = bucket.name();
    }

    /** The store in bucket {@value #DEFAULT_BUCKET}. */
    public static KvStateStore open(Connection nc) {
        return open(nc, DEFAULT_BUCKET);
    }

    /** The store in {@code bucket}, created if missing. */
    public static KvStateStore open(Connection nc, String bucket) {
        return open(nc, bucket, 1);
    }

    /** The store in {@code bucket}, created if missing with {@code replicas} copies (3 on a cluster). */
    public static KvStateStore open(Connection nc, String bucket, int replicas) {
        return new KvStateStore(KvBucket.open(nc, KeyValueConfiguration.builder().name(bucket)
                .maxHistoryPerKey(HISTORY).storageType(StorageType.File).replicas(replicas).build()));
    }

    @Override
    public Optional<String> get(String key) {
        return getVersioned(key).map(Versioned::value);
    }

    @Override
    public void put(String key, String value) {
        putIfVersion(key, value, UNVERSIONED);
    }

    @Override
    public Optional<Versioned> getVersioned(String key) {
        KeyValueEntry e = KvRetry.call("read state " + key + " from KV bucket " + bucket, () -> kv.get(KvKeys.encode(key)));
        if (e == null) {
            return Optional.empty();
        }
        byte[] value = e.getValue();
        return Optional.of(new Versioned(value == null ? "" : new String(value, StandardCharsets.UTF_8), e.getRevision()));
    }

    /**
     * {@inheritDoc} A write whose answer was lost (a transient failure) and whose retry finds the key
     * changed counts as written when the key holds exactly this value: the earlier attempt landed.
     */
    @Override
    public OptionalLong putIfVersion(String key, String value, long expectedVersion) {
        if (expectedVersion == UNVERSIONED) {
            return OptionalLong.of(KvRetry.call("write state " + key + " to KV bucket " + bucket,
                    () -> kv.put(KvKeys.encode(key), value.getBytes(StandardCharsets.UTF_8))));
        }
        String encoded = KvKeys.encode(key);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int[] attempts = {0};
        long written = KvRetry.call("write state " + key + " at revision " + expectedVersion + " to KV bucket " + bucket,
                () -> {
                    try {
                        attempts[0]++;
                        return expectedVersion == ABSENT ? kv.create(encoded, bytes) : kv.update(encoded, bytes, expectedVersion);
                    } catch (JetStreamApiException e) {
                        if (e.getApiErrorCode() != NatsFailures.WRONG_LAST_SEQUENCE) {
                            throw e;
                        }
                        if (attempts[0] == 1) {
                            return ABSENT;
                        }
                        KeyValueEntry now = kv.get(encoded);
                        return now != null && Arrays.equals(now.getValue(), bytes) ? now.getRevision() : ABSENT;
                    }
                });
        return written == ABSENT ? OptionalLong.empty() : OptionalLong.of(written);
    }

    @Override
    public void delete(String key) {
        KvRetry.call("delete state " + key + " from KV bucket " + bucket, () -> {
            kv.delete(KvKeys.encode(key));
            return null;
        });
    }

    @Override
    public String toString() {
        return "KvStateStore[" + bucket + "]";
    }
}
