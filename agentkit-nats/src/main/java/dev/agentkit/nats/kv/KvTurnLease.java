package dev.agentkit.nats.kv;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.TurnLease;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TurnLease} in a NATS KV bucket: one turn of an agent at a time across every process
 * and machine of a team. Taking it creates the agent's key; a crashed holder's lease runs out
 * after its time to live (per-key TTL on nats-server 2.11 and newer, and the stored expiry on
 * any server), and closing it never releases a lease that another process took after expiry.
 * The turn's heartbeat renews it (a write on the holder's own KV revision), so a turn longer
 * than the lease keeps it; a renewal is refused once another process took the lease over.
 *
 * <p>Made by applications for {@code AgentRuntime.builder(broker).lease(..)}. When the server
 * cannot be reached, {@link #tryAcquire} logs a warning and returns empty: the turn is skipped,
 * not run unguarded.
 */
public final class KvTurnLease implements TurnLease {
    /** The bucket used when none is named. */
    public static final String DEFAULT_BUCKET = "agentkit_turn_leases";
    private static final Logger log = LoggerFactory.getLogger(KvTurnLease.class);

    private final KvLeases leases;
    private final String holder;

    private KvTurnLease(KvLeases leases, String holder) {
        this.leases = leases;
        this.holder = holder;
    }

    /** The lease in bucket {@value #DEFAULT_BUCKET}, timed by the system clock, expiry chosen by the server's version. */
    public static KvTurnLease open(Connection nc) {
        return open(nc, DEFAULT_BUCKET, AgentClock.system(), LeaseExpiry.AUTO);
    }

    /** The lease in {@code bucket} (created if missing), timed by {@code clock}. */
    public static KvTurnLease open(Connection nc, String bucket, AgentClock clock, LeaseExpiry expiry) {
        return open(nc, bucket, clock, expiry, 1);
    }

    /**
     * As {@link #open(Connection, String, AgentClock, LeaseExpiry)}, a bucket created with
     * {@code replicas} copies (3 on a cluster, so leases survive a lost server).
     */
    public static KvTurnLease open(Connection nc, String bucket, AgentClock clock, LeaseExpiry expiry, int replicas) {
        String holder = "pid " + ProcessHandle.current().pid();
        return new KvTurnLease(new KvLeases(nc, bucket, clock, expiry, replicas), holder);
    }

    /** Whether leases also expire on the server by a per-key TTL (else by their stored expiry only). */
    public boolean usesPerKeyTtl() {
        return leases.perKeyTtl();
    }

    @Override
    public Optional<Held> tryAcquire(String agent, Duration ttl) {
        Optional<KvLeases.Taken> taken;
        try {
            taken = leases.tryTake(agent, holder, ttl);
        } catch (BrokerException e) {
            log.warn("{}: cannot take the turn lease, skipping the turn: {}", agent, e.getMessage());
            return Optional.empty();
        }
        return taken.map(t -> new KvHeld(agent, t));
    }

    /** A held lease: renewals and the release use its latest revision, one at a time. */
    private final class KvHeld implements Held {
        private final String agent;
        private KvLeases.Taken current;
        private boolean open = true;

        KvHeld(String agent, KvLeases.Taken taken) {
            this.agent = agent;
            this.current = taken;
        }

        @Override
        public synchronized boolean renew(Duration ttl) {
            if (!open) {
                return false;
            }
            Optional<KvLeases.Taken> renewed = leases.renew(current, ttl);
            renewed.ifPresent(t -> current = t);
            return renewed.isPresent();
        }

        @Override
        public synchronized void close() {
            if (!open) {
                return;
            }
            open = false;
            try {
                leases.release(current);
            } catch (BrokerException e) {
                log.warn("{}: could not release the turn lease; it expires by itself: {}", agent, e.getMessage());
            }
        }
    }
}
