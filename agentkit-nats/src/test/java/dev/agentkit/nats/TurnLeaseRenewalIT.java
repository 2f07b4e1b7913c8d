package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnLease;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import dev.agentkit.testing.VirtualClock;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, scenario 4 on a real server with {@link KvTurnLease} and {@link KvStateStore}: an
 * item that runs longer than the turn lease. Two instances of roy, each on its own connection
 * (two processes of one agent), share the KV buckets.
 */
class TurnLeaseRenewalIT extends RealNatsSupport {
    private static final Duration TTL = Duration.ofSeconds(2);
    private final Topology topology = Topology.workshopDefault();

    private AgentRuntime instance(JetStreamBroker broker, TurnLease lease) {
        Connection nc = broker.connection();
        return AgentRuntime.builder(broker).topology(topology)
                .processedStore(KvProcessedStore.open(nc, "processed_" + id, Duration.ZERO, AgentClock.system()))
                .stateStore(KvStateStore.open(nc, "state_" + id)).lease(lease).build();
    }

    private TestAgent roy(AgentRuntime runtime) {
        return new TestAgent(TestAgent.config("roy", "backend").leaseTtl(TTL).build(), runtime);
    }

    @Test
    void anItemLongerThanTheLeaseKeepsItAndTheSecondInstanceRunsNoTurnMeanwhile() {
        JetStreamBroker one = broker();
        JetStreamBroker two = broker();
        one.provision(topology, Map.of("roy", "backend"));
        TestAgent first = roy(instance(one, KvTurnLease.open(one.connection(), "leases_" + id, AgentClock.system(),
                LeaseExpiry.AUTO)));
        TestAgent second = roy(instance(two, KvTurnLease.open(two.connection(), "leases_" + id, AgentClock.system(),
                LeaseExpiry.AUTO)));
        List<TurnReport> meanwhile = new CopyOnWriteArrayList<>();
        first.work = (self, item) -> {
            long end = System.nanoTime() + TTL.multipliedBy(3).toNanos();
            RealTime.await("three lease lifetimes", Duration.ofSeconds(30), () -> {
                meanwhile.add(second.runTurn());
                return System.nanoTime() > end;
            });
            return Outcome.done();
        };
        one.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-LONG")));

        TurnReport long1 = first.runTurn();
        TurnReport after = second.runTurn();

        assertThat(meanwhile).as("the renewed lease kept the second instance out").isNotEmpty()
                .extracting(TurnReport::stopReason).containsOnly(StopReason.LEASE_HELD);
        assertThat(long1.done()).isEqualTo(1);
        assertThat(after.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(after.turnId()).isNotEqualTo(long1.turnId());
    }

    @Test
    void aTurnWhoseLeaseWasTakenOverStopsPullingAndLeavesTheNewTurnsState() {
        JetStreamBroker one = broker();
        JetStreamBroker two = broker();
        one.provision(topology, Map.of("roy", "backend"));
        ObservedLease firstLease = new ObservedLease(KvTurnLease.open(one.connection(), "leases_" + id,
                AgentClock.system(), LeaseExpiry.AUTO));
        VirtualClock later = new VirtualClock();   // the second instance's lease clock: years after the first's expiry
        TestAgent first = roy(instance(one, firstLease));
        TestAgent second = roy(instance(two, KvTurnLease.open(two.connection(), "leases_" + id, later,
                LeaseExpiry.AUTO)));
        List<TurnReport> others = new CopyOnWriteArrayList<>();
        first.work = (self, item) -> {
            if (item.id().equals("REQ-1")) {
                others.add(second.runTurn());    // takes the lease over and does REQ-2
                RealTime.await("the first instance's renewal to fail", Duration.ofSeconds(10),
                        () -> firstLease.refused.get() > 0);
                one.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-3")));
            }
            return Outcome.done();
        };
        one.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-1")));
        one.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-2")));

        TurnReport lost = first.runTurn();

        assertThat(lost.stopReason()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(lost.done()).isEqualTo(1);
        assertThat(first.runs).containsOnlyKeys("REQ-1");
        assertThat(others).singleElement().satisfies(o -> {
            assertThat(o.done()).isEqualTo(1);
            assertThat(o.turnId()).isNotEqualTo(lost.turnId());
        });
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("roy", "backend").work());
        assertThat(one.status(work).pending()).as("REQ-3 left to the lease's new holder").isEqualTo(1);
        TurnReport next = second.runTurn();
        assertThat(next.done()).isEqualTo(1);
        assertThat(next.turnId()).as("the lost turn did not save its state over the second instance's")
                .isEqualTo("roy-3");
    }

    /** A lease that counts the renewals its holder was refused. */
    static final class ObservedLease implements TurnLease {
        private final TurnLease inner;
        final AtomicInteger refused = new AtomicInteger();

        ObservedLease(TurnLease inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Held> tryAcquire(String agent, Duration ttl) {
            return inner.tryAcquire(agent, ttl).map(held -> new Held() {
                @Override
                public boolean renew(Duration again) {
                    boolean kept = held.renew(again);
                    if (!kept) {
                        refused.incrementAndGet();
                    }
                    return kept;
                }

                @Override
                public void close() {
                    held.close();
                }
            });
        }
    }
}
