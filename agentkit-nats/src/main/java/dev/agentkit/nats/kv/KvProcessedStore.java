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
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Costs: {@link #isProcessed} and {@link #markProcessed} are one round trip to the server
 * each. {@link #processedAmong} reads all its keys at once (batch direct gets of up to 1,000
 * keys on NATS 2.11+, else one direct get per key, all sent before any answer is waited for):
 * about one round trip for the items that arrived together; on a bucket that allows no direct
 * gets (a hand-made one) it reads key by key. {@link #markProcessedAsync} publishes the mark and
 * returns at once, its future completing with the server's ack (on a jnats thread: a dependent
 * stage must not block); when that publish fails or gets no ack within the connection timeout
 * (which jnats finds at its request cleanup interval, 5 s by default), the mark is made again
 * synchronously, with the retries above counted from the start of the mark, on a thread of the
 * store's own, and only then does the future fail. A read never answers
 * "not processed" for a key it could not read: it retries, then throws.
 *
 * <p>On a connection of your own (not one {@code JetStreamBroker.connect} made), build its options
 * with {@code Options.Builder.dontForceFlushOnRequest()}: jnats otherwise writes every request,
 * so every mark, to the socket on its own (in B8 that cost about a quarter of the drain's rate).
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

    /** Threads that make again, synchronously, the marks whose asynchronous publish failed. */
    private static final int FALLBACK_THREADS = 8;
    private static final ExecutorService FALLBACK = fallbackThreads();

    private final KeyValue kv;
    private final String bucket;
    private final AgentClock clock;
    /** The pipelined reads and writes; null when the bucket allows no direct gets (then key by key). */
    private final KvPipeline pipeline;
    /** The stamp of the last mark; racing threads at worst format the same millisecond twice. */
    private volatile Stamp lastStamp;

    private KvProcessedStore(KvBucket bucket, AgentClock clock, KvPipeline pipeline) {
        this.kv = bucket.kv();
        this.bucket = bucket.name();
        this.clock = clock;
        this.pipeline = pipeline;
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
        KvPipeline pipeline = KvPipeline.of(nc, opened).orElse(null);
        if (pipeline == null) {
            log.info("KV bucket {} allows no direct gets: its processed marks are read one by one", bucket);
        }
        return new KvProcessedStore(opened, clock, pipeline);
    }

    @Override
    public boolean isProcessed(String key) {
        return KvRetry.call("read processed mark " + StoreKeys.preview(key) + " in KV bucket " + bucket,
                () -> kv.get(KvKeys.encode(key)) != null);
    }

    @Override
    public void markProcessed(String key) {
        markWithin(key, KvRetry.BOUND);
    }

    /** {@inheritDoc} All keys are read at once, in about one round trip. */
    @Override
    public Set<String> processedAmong(Collection<String> keys) {
        if (pipeline == null) {
            return ProcessedStore.super.processedAmong(keys);
        }
        Map<String, String> byKvKey = new LinkedHashMap<>();
        keys.forEach(key -> byKvKey.put(KvKeys.encode(key), key));
        Set<String> present = byKvKey.isEmpty() ? Set.of()
                : KvRetry.call("read processed marks of " + byKvKey.size() + " items in KV bucket " + bucket,
                        () -> pipeline.present(List.copyOf(byKvKey.keySet())));
        Set<String> marked = new LinkedHashSet<>();
        byKvKey.forEach((kvKey, key) -> {
            if (present.contains(kvKey)) {
                marked.add(key);
            }
        });
        return marked;
    }

    /**
     * {@inheritDoc} The mark is published at once; a publish that fails or gets no ack within the
     * connection timeout is made again synchronously, within what is left of the retry bound.
     */
    @Override
    public CompletableFuture<Void> markProcessedAsync(String key) {
        if (pipeline == null) {
            return ProcessedStore.super.markProcessedAsync(key);
        }
        long started = AgentClock.system().nanoTime();
        CompletableFuture<Void> published;
        try {
            published = pipeline.put(KvKeys.encode(key), stamp());
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> kept = new CompletableFuture<>();
        published.whenComplete((ack, failure) -> {
            if (failure == null) {
                kept.complete(null);
            } else {
                // not exceptionallyAsync: on Java 17 it hands a normal completion to its executor too
                FALLBACK.execute(() -> markAgain(key, started, failure, kept));
            }
        });
        return kept;
    }

    /** Makes again, within what is left of the retry bound, a mark whose publish failed; completes {@code kept}. */
    private void markAgain(String key, long started, Throwable failure, CompletableFuture<Void> kept) {
        log.debug("mark {} processed in KV bucket {}: the asynchronous publish failed ({}), marking again",
                StoreKeys.preview(key), bucket, failure.toString());
        Duration left = KvRetry.BOUND.minusNanos(AgentClock.system().nanoTime() - started);
        try {
            markWithin(key, left.isNegative() ? Duration.ZERO : left);
            kept.complete(null);
        } catch (RuntimeException e) {
            kept.completeExceptionally(e);
        }
    }

    private void markWithin(String key, Duration bound) {
        KvRetry.call("mark " + StoreKeys.preview(key) + " processed in KV bucket " + bucket, bound,
                () -> kv.put(KvKeys.encode(key), stamp()));
    }

    /** The time of a mark, to the millisecond; formatted once a millisecond (B8 marks ~50 in one). */
    private byte[] stamp() {
        Instant now = clock.now();
        long millis = now.toEpochMilli();
        Stamp last = lastStamp;
        if (last == null || last.millis() != millis) {
            last = new Stamp(millis, Instant.ofEpochMilli(millis).toString().getBytes(StandardCharsets.UTF_8));
            lastStamp = last;
        }
        return last.bytes();
    }

    /** A formatted mark time, shared by the marks of one millisecond (never changed once made). */
    private record Stamp(long millis, byte[] bytes) {
    }

    private static ExecutorService fallbackThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FALLBACK_THREADS, FALLBACK_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, "agentkit-kv-mark-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String toString() {
        return "KvProcessedStore[" + bucket + "]";
    }
}
