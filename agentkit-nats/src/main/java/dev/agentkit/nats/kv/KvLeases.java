package dev.agentkit.nats.kv;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.MessageTtl;
import io.nats.client.PublishOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease algorithm behind {@link KvTurnLease} and {@link KvLock}, on one KV bucket: take =
 * {@code create} (fails when the key exists), with a per-key TTL where the server supports it;
 * an expired lease (by its stored expiry) is taken over with {@code update} on the revision that
 * was read, so two takers never both win; renew = a write of the same record with a later expiry
 * on the holder's own revision (with the per-key TTL again where the bucket has it), refused once
 * someone else took the lease; release = {@code delete} on the holder's own revision, so it never
 * removes a lease someone else took after expiry.
 */
final class KvLeases {
    private static final Logger log = LoggerFactory.getLogger(KvLeases.class);
    private static final String HOST = hostName();

    /** A lease this process holds: its key's revision and record. */
    record Taken(String name, long revision, LeaseRecord record) {
    }

    private final KeyValue kv;
    private final JetStream js;
    private final String bucket;
    private final AgentClock clock;
    private final boolean perKeyTtl;

    KvLeases(Connection nc, String bucket, AgentClock clock, LeaseExpiry expiry, int replicas) {
        boolean serverTtl = expiry != LeaseExpiry.STORED_EXPIRY
                && nc.getServerInfo().isSameOrNewerThanVersion("2.11.0");
        if (expiry == LeaseExpiry.PER_KEY_TTL && !serverTtl) {
            throw new IllegalStateException("per-key TTL needs nats-server 2.11 or newer; this one is "
                    + nc.getServerInfo().getVersion() + " (use LeaseExpiry.AUTO or STORED_EXPIRY)");
        }
        KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(bucket)
                .maxHistoryPerKey(1).storageType(StorageType.File).replicas(replicas);
        if (serverTtl) {
            config.limitMarker(Duration.ofSeconds(1));
        }
        KvBucket opened = KvBucket.open(nc, config.build());
        this.kv = opened.kv();
        try {
            this.js = nc.jetStream();
        } catch (IOException e) {
            throw NatsFailures.wrap("open JetStream for KV bucket " + bucket, e);
        }
        this.bucket = bucket;
        this.clock = clock;
        this.perKeyTtl = serverTtl && opened.config().getLimitMarkerTtl() != null;
        if (expiry == LeaseExpiry.PER_KEY_TTL && !perKeyTtl) {
            throw new IllegalStateException("KV bucket " + bucket + " exists without per-key TTL (no limit marker)");
        }
    }

    /** Whether keys also expire on the server by a per-key TTL. */
    boolean perKeyTtl() {
        return perKeyTtl;
    }

    /** Takes {@code name} for {@code owner} until {@code ttl} from now; empty when someone else holds it. */
    Optional<Taken> tryTake(String name, String owner, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        String key = KvKeys.encode(name);
        Instant now = clock.now();
        LeaseRecord mine = new LeaseRecord(UUID.randomUUID().toString(), owner, HOST, ProcessHandle.current().pid(),
                now, now.plus(ttl));
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<Long> created = create(key, mine, ttl);
                if (created.isPresent()) {
                    return Optional.of(new Taken(name, created.get(), mine));
                }
                KeyValueEntry current = kv.get(key);
                if (current == null || current.getOperation() != KeyValueOperation.PUT) {
                    continue; // released or expired since: create again
                }
                Optional<LeaseRecord> held = LeaseRecord.parse(current.getValue());
                if (held.isPresent() && held.get().expires().isAfter(now)) {
                    return Optional.empty();
                }
                return takeOver(name, key, current, held, mine);
            }
            return Optional.empty();
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("take lease " + name + " in KV bucket " + bucket, e);
        }
    }

    /**
     * Extends a lease this process holds to {@code ttl} from now; empty (nothing changed) when it is
     * no longer ours: it ran out and someone else took it, or it was released.
     */
    Optional<Taken> renew(Taken taken, Duration ttl) {
        String key = KvKeys.encode(taken.name());
        LeaseRecord renewed = taken.record().renewed(clock.now().plus(ttl));
        try {
            long revision;
            if (perKeyTtl) {
                // kv.update takes no TTL: write the key's message as KV does, with the TTL and the revision check
                revision = js.publish("$KV." + bucket + "." + key, renewed.bytes(), PublishOptions.builder()
                        .expectedLastSubjectSequence(taken.revision()).messageTtlSeconds(ttlSeconds(ttl)).build())
                        .getSeqno();
            } else {
                revision = kv.update(key, renewed.bytes(), taken.revision());
            }
            return Optional.of(new Taken(taken.name(), revision, renewed));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.WRONG_LAST_SEQUENCE) {
                log.info("lease {} of {} changed hands; not renewed", taken.name(), taken.record().owner());
                return Optional.empty();
            }
            throw NatsFailures.wrap("renew lease " + taken.name() + " in KV bucket " + bucket, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("renew lease " + taken.name() + " in KV bucket " + bucket, e);
        }
    }

    /** Releases a lease this process took; false (and nothing changed) when it is no longer ours. */
    boolean release(Taken taken) {
        try {
            kv.delete(KvKeys.encode(taken.name()), taken.revision());
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.WRONG_LAST_SEQUENCE) {
                log.info("lease {} of {} expired and changed hands before release; leaving it", taken.name(),
                        taken.record().owner());
                return false;
            }
            throw NatsFailures.wrap("release lease " + taken.name() + " in KV bucket " + bucket, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("release lease " + taken.name() + " in KV bucket " + bucket, e);
        }
    }

    /** The current record of {@code name}, if it is held (expired or not). */
    Optional<LeaseRecord> read(String name) {
        try {
            KeyValueEntry e = kv.get(KvKeys.encode(name));
            return e == null ? Optional.empty() : LeaseRecord.parse(e.getValue());
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("read lease " + name + " in KV bucket " + bucket, e);
        }
    }

    private Optional<Long> create(String key, LeaseRecord mine, Duration ttl) throws IOException, JetStreamApiException {
        try {
            long revision = perKeyTtl ? kv.create(key, mine.bytes(), MessageTtl.seconds(ttlSeconds(ttl)))
                    : kv.create(key, mine.bytes());
            return Optional.of(revision);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.WRONG_LAST_SEQUENCE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<Taken> takeOver(String name, String key, KeyValueEntry stale, Optional<LeaseRecord> held,
                                     LeaseRecord mine) throws IOException, JetStreamApiException {
        try {
            long revision = kv.update(key, mine.bytes(), stale.getRevision());
            log.warn("took over the expired lease {} of {} (expired {})", name,
                    held.map(LeaseRecord::owner).orElse("an unreadable record"),
                    held.map(h -> h.expires().toString()).orElse("?"));
            return Optional.of(new Taken(name, revision, mine));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.WRONG_LAST_SEQUENCE) {
                return Optional.empty(); // another taker was faster
            }
            throw e;
        }
    }

    /** Whole seconds for the server TTL, rounded up, at least one. */
    static int ttlSeconds(Duration ttl) {
        long seconds = ttl.toSeconds() + (ttl.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    /** The host name from the environment (no name lookup, which could leave the machine). */
    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            h = System.getenv("COMPUTERNAME");
        }
        return h == null || h.isBlank() ? "unknown-host" : h;
    }
}
