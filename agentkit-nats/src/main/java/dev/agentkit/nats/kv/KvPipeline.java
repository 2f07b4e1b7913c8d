package dev.agentkit.nats.kv;

import dev.agentkit.core.time.AgentClock;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.support.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends many requests to one KV bucket without waiting for each answer, for
 * {@link KvProcessedStore}'s batched read and asynchronous mark.
 *
 * <p>A read of many keys is one batch direct get per {@value #MULTI_GET_MAX} keys
 * ({@code multi_last}, NATS 2.11+; on an older server, the direct get {@code KeyValue.get} makes
 * for each key), all sent at once on an inbox of the read's own and waited for together with one
 * bound, so the keys cost about one round trip. It answers as {@code get(key) != null} does: a key
 * with no entry, or whose last entry is a delete or purge marker ({@code KV-Operation} or a
 * subject delete marker, read by jnats' {@code KeyValueEntry}), holds no value; a reply that is
 * missing, or a batch that says it left entries out, fails the read. The writes are the publishes
 * {@code KeyValue.put} makes, to {@code $KV.<bucket>.<key>} with no headers.
 *
 * <p>Only for a bucket that allows direct gets and is not a mirror (a mirror reads and writes on
 * other subjects): {@link #of} gives none for any other, whose store asks key by key. Keys are
 * KV keys already ({@link KvKeys#encode}). Thread-safe.
 */
final class KvPipeline {
    /** The JetStream API prefix of the default {@code JetStreamOptions}, which the stores' buckets use. */
    private static final String API_PREFIX = "$JS.API.";
    /** The first server version with batch direct gets ({@code multi_last}). */
    private static final String MULTI_GET_SINCE = "2.11.0";
    /** The most keys of one batch get: the server answers at most 1,024 entries per request. */
    static final int MULTI_GET_MAX = 1_000;
    private static final String NUM_PENDING = "Nats-Num-Pending";

    private final Connection nc;
    private final String stream;
    /** The direct get endpoint of the bucket's stream (a key's subject follows it for a single get). */
    private final String directGet;
    private final String keyPrefix;
    /** How a plain ack of a put to the bucket's stream begins: {@code {"stream":"KV_<bucket>",}. */
    private final byte[] ackStart;
    private final Duration timeout;

    private KvPipeline(Connection nc, String bucket) {
        this.nc = nc;
        this.stream = "KV_" + bucket;
        this.keyPrefix = "$KV." + bucket + ".";
        this.directGet = API_PREFIX + "DIRECT.GET." + stream;
        this.ackStart = ("{\"stream\":\"" + stream + "\",").getBytes(StandardCharsets.UTF_8);
        // what jnats' own KV calls wait for an answer when no JetStreamOptions set a timeout
        this.timeout = nc.getOptions().getConnectionTimeout();
    }

    /** The pipeline of {@code bucket}, or none when the bucket allows no direct gets or is a mirror. */
    static Optional<KvPipeline> of(Connection nc, KvBucket bucket) {
        if (!bucket.config().getBackingConfig().getAllowDirect() || bucket.config().getMirror() != null) {
            return Optional.empty();
        }
        return Optional.of(new KvPipeline(nc, bucket.name()));
    }

    /** How long one read or write waits for the server: the connection timeout, as jnats' KV calls wait. */
    Duration timeout() {
        return timeout;
    }

    /**
     * Which of {@code keys} hold a value now. Never leaves out a key it could not read: a key
     * without an answer fails the whole read.
     *
     * @throws IOException           when some key got no answer within {@link #timeout()} (all keys
     *                               are waited for together), as jnats' {@code get} throws on a timeout
     * @throws JetStreamApiException when the server refused a read
     */
    Set<String> present(List<String> keys) throws IOException, JetStreamApiException {
        return present(keys, nc.getServerInfo().isSameOrNewerThanVersion(MULTI_GET_SINCE));
    }

    /** As {@link #present(List)}, in batch gets ({@code multi}) or one direct get per key (for servers before 2.11). */
    Set<String> present(List<String> keys, boolean multi) throws IOException, JetStreamApiException {
        List<Read> reads = new ArrayList<>();
        if (multi) {
            for (int from = 0; from < keys.size(); from += MULTI_GET_MAX) {
                reads.add(new BatchRead(keys.subList(from, Math.min(keys.size(), from + MULTI_GET_MAX))));
            }
        } else {
            keys.forEach(key -> reads.add(new KeyRead(key)));
        }
        String inbox = nc.createInbox();
        Subscription replies = nc.subscribe(inbox + ".*");
        try {
            for (int i = 0; i < reads.size(); i++) {
                reads.get(i).send(inbox + "." + i);
            }
            Set<String> present = new HashSet<>();
            AgentClock clock = AgentClock.system();
            long started = clock.nanoTime();
            for (int open = reads.size(); open > 0; ) {
                Duration left = timeout.minus(clock.elapsedSince(started));
                Message reply = left.isNegative() || left.isZero() ? null : replies.nextMessage(left);
                if (reply == null) {
                    throw new IOException("Timeout or no response waiting for NATS JetStream server, reading "
                            + keys.size() + " keys of " + stream + " within " + timeout.toMillis() + " ms");
                }
                String subject = reply.getSubject();
                if (reads.get(Integer.parseInt(subject.substring(subject.lastIndexOf('.') + 1))).answered(reply, present)) {
                    open--;
                }
            }
            return present;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + keys.size() + " keys of " + stream, e);
        } finally {
            replies.unsubscribe();
        }
    }

    /** Adds the KV key of the entry {@code reply} (not a status) to {@code present} when it holds a value. */
    private void take(Message reply, Set<String> present) {
        KeyValueEntry entry = new KeyValueEntry(new MessageInfo(reply, stream, true));
        if (entry.getOperation() == KeyValueOperation.PUT) {
            present.add(entry.getKey());
        }
    }

    private static JetStreamApiException refused(Message reply) throws IOException {
        if (reply.getStatus().getCode() == 503) {
            throw new IOException("no JetStream server answers for the KV bucket (503 no responders)");
        }
        return new JetStreamApiException(io.nats.client.api.Error.convert(reply.getStatus()));
    }

    /** One request of a read and the replies it gets. */
    private abstract static class Read {
        abstract void send(String replyTo);

        /** Takes {@code reply}; true once this request has all its answer. */
        abstract boolean answered(Message reply, Set<String> present) throws IOException, JetStreamApiException;
    }

    /** The direct get of one key, as {@code KeyValue.get} makes it: an entry, or 404 for none. */
    private final class KeyRead extends Read {
        private final String key;

        KeyRead(String key) {
            this.key = key;
        }

        @Override
        void send(String replyTo) {
            nc.publish(directGet + "." + keyPrefix + key, replyTo, null);
        }

        @Override
        boolean answered(Message reply, Set<String> present) throws IOException, JetStreamApiException {
            if (!reply.isStatusMessage()) {
                take(reply, present);
            } else if (reply.getStatus().getCode() != 404) {
                throw refused(reply);
            }
            return true;
        }
    }

    /**
     * The batch get of up to {@value #MULTI_GET_MAX} keys ({@code multi_last}, NATS 2.11+): an
     * entry for each key that has one, then an end-of-batch status (204) saying none is left out,
     * or only "404 No Results" when no key has one.
     */
    private final class BatchRead extends Read {
        private final List<String> keys;
        private boolean gotEntries;

        BatchRead(List<String> keys) {
            this.keys = keys;
        }

        @Override
        void send(String replyTo) {
            // KV keys and bucket names are letters, digits, '-', '_' and '=': nothing to escape in JSON
            int keyChars = 0;
            for (String key : keys) {
                keyChars += key.length();
            }
            // sized at once: grown from its default, the request was copied about nine times
            StringBuilder request = new StringBuilder(keyChars + keys.size() * (keyPrefix.length() + 3) + 20)
                    .append("{\"multi_last\":[");
            for (int i = 0; i < keys.size(); i++) {
                request.append(i == 0 ? "\"" : ",\"").append(keyPrefix).append(keys.get(i)).append('"');
            }
            nc.publish(directGet, replyTo, request.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        boolean answered(Message reply, Set<String> present) throws IOException, JetStreamApiException {
            if (!reply.isStatusMessage()) {
                gotEntries = true;
                take(reply, present);
                return false;
            }
            Status status = reply.getStatus();
            if (status.getCode() == 204 && "0".equals(reply.getHeaders().getLast(NUM_PENDING))) {
                return true;
            }
            if (status.getCode() == 404 && !gotEntries && "No Results".equals(status.getMessage())) {
                return true;
            }
            if (status.getCode() == 204) {
                throw new IOException("the batch get of " + keys.size() + " keys of " + stream + " ended with "
                        + reply.getHeaders().getLast(NUM_PENDING) + " entries left out");
            }
            throw refused(reply);
        }
    }

    /**
     * Publishes {@code value} under {@code key}, as {@code KeyValue.put} does, and returns at once;
     * the future completes when the server acked the put, on a jnats thread (a dependent stage
     * must not block), or fails when the server refused it or sent no ack within {@link
     * #timeout()} (jnats finds requests past their timeout at its request cleanup interval, 5 s
     * by default). A plain ack ({@code {"stream":"KV_<bucket>","seq":<n>}}, nearly every one) is
     * recognised byte by byte; any other answer is read by jnats' {@code PublishAck}, which
     * fails on an error. ({@code JetStream.publishAsync} parsed every ack into a JSON tree: half
     * the time of the thread that takes the answers, at B8's rate.)
     *
     * @throws IllegalStateException when the connection is closed or draining
     */
    CompletableFuture<Void> put(String key, byte[] value) {
        return nc.requestWithTimeout(keyPrefix + key, value, timeout).thenApply(this::acked);
    }

    /** Accepts the answer to a put, or throws why the put failed (wrapped, as a stage throws it). */
    private Void acked(Message reply) {
        if (reply.isStatusMessage()) {
            throw new CompletionException(reply.getStatus().getCode() == 503
                    ? new IOException("no JetStream server answers for " + stream + " (503 no responders)")
                    : refusedPut(reply));
        }
        if (PlainAck.of(reply.getData(), ackStart)) {
            return null;
        }
        try {
            new PublishAck(reply);
            return null;
        } catch (IOException | JetStreamApiException e) {
            throw new CompletionException(e);
        }
    }

    private JetStreamApiException refusedPut(Message reply) {
        return new JetStreamApiException(io.nats.client.api.Error.convert(reply.getStatus()));
    }
}
