package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.TurnLease;
import dev.agentkit.core.workspace.FileLock;
import dev.agentkit.nats.RealNatsSupport;
import dev.agentkit.nats.RealTime;
import dev.agentkit.testing.VirtualClock;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The KV turn lease and lock on a real server: one holder at a time across connections, expiry
 * of a crashed holder's lease (by the stored expiry on a virtual clock, and by the server's
 * per-key TTL in real time), and release never removing a lease someone else took.
 */
class KvLeaseIT extends RealNatsSupport {

    @Test
    void onlyOneProcessHoldsAnAgentsLeaseUntilItIsReleased() {
        String bucket = unique("leases");
        VirtualClock clock = new VirtualClock();
        KvTurnLease one = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.AUTO);
        KvTurnLease two = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.AUTO);
        Optional<TurnLease.Held> held = one.tryAcquire("roy", Duration.ofMinutes(5));
        assertThat(held).isPresent();
        assertThat(two.tryAcquire("roy", Duration.ofMinutes(5))).isEmpty();
        assertThat(two.tryAcquire("jen", Duration.ofMinutes(5))).isPresent();
        held.get().close();
        held.get().close();
        assertThat(two.tryAcquire("roy", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void aCrashedHoldersLeaseExpiresByItsStoredTimeAndItsLateReleaseChangesNothing() {
        String bucket = unique("stored");
        VirtualClock clock = new VirtualClock();
        KvTurnLease crashed = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.STORED_EXPIRY);
        KvTurnLease next = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.STORED_EXPIRY);
        assertThat(crashed.usesPerKeyTtl()).isFalse();
        TurnLease.Held stale = crashed.tryAcquire("roy", Duration.ofMinutes(35)).orElseThrow();
        clock.advance(Duration.ofMinutes(34));
        assertThat(next.tryAcquire("roy", Duration.ofMinutes(35))).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        TurnLease.Held taken = next.tryAcquire("roy", Duration.ofMinutes(35)).orElseThrow();
        stale.close();
        assertThat(crashed.tryAcquire("roy", Duration.ofMinutes(35))).as("the late release freed the new lease").isEmpty();
        taken.close();
        assertThat(crashed.tryAcquire("roy", Duration.ofMinutes(35))).isPresent();
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstExpiryAndATakenOverOneRefusesRenewal() {
        String bucket = unique("renew");
        VirtualClock clock = new VirtualClock();
        KvTurnLease holder = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.STORED_EXPIRY);
        KvTurnLease other = KvTurnLease.open(connect(), bucket, clock, LeaseExpiry.STORED_EXPIRY);
        TurnLease.Held held = holder.tryAcquire("roy", Duration.ofMinutes(5)).orElseThrow();
        clock.advance(Duration.ofMinutes(4));
        assertThat(held.renew(Duration.ofMinutes(5))).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(other.tryAcquire("roy", Duration.ofMinutes(5))).as("renewed: 8 minutes in, still held").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        TurnLease.Held taken = other.tryAcquire("roy", Duration.ofMinutes(5)).orElseThrow();
        assertThat(held.renew(Duration.ofMinutes(5))).as("taken over after it ran out").isFalse();
        held.close();
        assertThat(holder.tryAcquire("roy", Duration.ofMinutes(5))).as("the late release left the new lease").isEmpty();
        assertThat(taken.renew(Duration.ofMinutes(5))).isTrue();
        taken.close();
        assertThat(taken.renew(Duration.ofMinutes(5))).as("released").isFalse();
    }

    @Test
    void withPerKeyTtlARenewalSetsTheServerTtlAgain() throws Exception {
        String bucket = unique("renewttl");
        Connection nc = connect();
        KvTurnLease lease = KvTurnLease.open(nc, bucket, dev.agentkit.core.time.AgentClock.system(), LeaseExpiry.AUTO);
        org.junit.jupiter.api.Assumptions.assumeTrue(lease.usesPerKeyTtl(), "per-key TTL needs nats-server 2.11+");
        TurnLease.Held held = lease.tryAcquire("roy", Duration.ofMinutes(10)).orElseThrow();
        assertThat(held.renew(Duration.ofSeconds(1))).isTrue();
        KeyValue kv = nc.keyValue(bucket);
        awaitGone("the server to expire the renewed lease key (a KV update alone would keep it)", kv, "roy");
        assertThat(held.renew(Duration.ofSeconds(1))).as("expired and removed: no longer ours").isFalse();
    }

    @Test
    void withPerKeyTtlTheServerRemovesACrashedHoldersLease() throws Exception {
        String bucket = unique("ttl");
        Connection nc = connect();
        KvTurnLease crashed = KvTurnLease.open(nc, bucket, dev.agentkit.core.time.AgentClock.system(), LeaseExpiry.AUTO);
        org.junit.jupiter.api.Assumptions.assumeTrue(crashed.usesPerKeyTtl(), "per-key TTL needs nats-server 2.11+");
        assertThat(crashed.tryAcquire("roy", Duration.ofSeconds(1))).isPresent();
        KeyValue kv = nc.keyValue(bucket);
        assertThat(kv.get(KvKeys.encode("roy"))).isNotNull();
        awaitGone("the server to expire the lease key", kv, "roy");
        KvTurnLease other = KvTurnLease.open(connect(), bucket, dev.agentkit.core.time.AgentClock.system(), LeaseExpiry.AUTO);
        assertThat(other.tryAcquire("roy", Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void aLockHasOneOwnerAtATimeAndNamesIt() {
        String bucket = unique("locks");
        VirtualClock clock = new VirtualClock();
        KvLock roy = KvLock.open(connect(), bucket, Duration.ofMinutes(10), clock, LeaseExpiry.AUTO);
        KvLock jen = KvLock.open(connect(), bucket, Duration.ofMinutes(10), clock, LeaseExpiry.AUTO);
        FileLock.Held held = roy.tryAcquire("src/api/schema.sql", "roy").orElseThrow();
        assertThat(held.name()).isEqualTo("src/api/schema.sql");
        assertThat(jen.tryAcquire("src/api/schema.sql", "jen")).isEmpty();
        assertThat(jen.holder("src/api/schema.sql")).contains("roy");
        clock.advance(Duration.ofMinutes(11));
        FileLock.Held jens = jen.tryAcquire("src/api/schema.sql", "jen").orElseThrow();
        held.close();
        assertThat(roy.holder("src/api/schema.sql")).contains("jen");
        jens.close();
        assertThat(roy.holder("src/api/schema.sql")).isEmpty();
    }

    private static void awaitGone(String what, KeyValue kv, String name) {
        RealTime.await(what, Duration.ofSeconds(15), () -> {
            try {
                return kv.get(KvKeys.encode(name)) == null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
