package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.LocalTurnLease;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnLease;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, scenario 4: an item that runs longer than the turn lease. The heartbeat renews the
 * lease so no second instance runs a turn meanwhile; a turn that loses its lease all the same
 * stops pulling and does not save its state over the newer turn's.
 */
class TurnLeaseRenewalTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private final AgentTestKit kit = AgentTestKit.create();
    private final ConsumerRef work = ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work());

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent roy(TurnLease lease) {
        kit.provision("roy", "backend");
        AgentRuntime runtime = AgentRuntime.builder(kit.broker()).clock(kit.clock()).topology(kit.topology())
                .processedStore(kit.processedStore()).stateStore(kit.stateStore()).team(kit.team())
                .control(kit.control()).lease(lease).build();
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").leaseTtl(TTL).build(), runtime);
    }

    @Test
    void anItemLongerThanTheLeaseKeepsItAndASecondInstanceWaits() {
        LocalTurnLease lease = new LocalTurnLease(kit.clock());
        ScriptedAgent roy = roy(lease);
        ScriptedAgent second = roy(lease);
        List<TurnReport> meanwhile = new ArrayList<>();
        roy.work = (self, item) -> {
            for (int minute = 0; minute < 30; minute += 5) {
                kit.advance(Duration.ofMinutes(5));
                meanwhile.add(second.runTurn());
            }
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-1"));

        TurnReport first = roy.runTurn();
        TurnReport after = second.runTurn();

        assertThat(meanwhile).as("30 minutes, three lease lifetimes: the lease was renewed")
                .extracting(TurnReport::stopReason).containsOnly(StopReason.LEASE_HELD);
        assertThat(first.done()).isEqualTo(1);
        assertThat(after.turnId()).isNotEqualTo(first.turnId());
        assertThat(kit.clock().pendingTimers()).as("the renewal stops with the turn").isZero();
    }

    @Test
    void aTurnThatLostItsLeaseStopsPullingAndDoesNotOverwriteTheNewTurnsState() {
        StealableLease stealable = new StealableLease(new LocalTurnLease(kit.clock()));
        ScriptedAgent roy = roy(stealable);
        ScriptedAgent other = roy(new LocalTurnLease(kit.clock()));   // another process: its own view of the lease
        List<TurnReport> others = new ArrayList<>();
        roy.work = (self, item) -> {
            if (item.id().equals("REQ-1")) {
                stealable.stolen = true;              // the lease ran out and another instance took it
                kit.advance(TTL);                     // roy's heartbeat tries to renew, and learns it
                others.add(other.runTurn());          // the other instance's turn, with REQ-2
                kit.publishWork("backend", Map.of("id", "REQ-3"));
            }
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        kit.publishWork("backend", Map.of("id", "REQ-2"));

        TurnReport lost = roy.runTurn();

        assertThat(lost.stopReason()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(lost.done()).as("the item in hand is finished").isEqualTo(1);
        assertThat(kit.broker().status(work).pending()).as("REQ-3 is left to the lease's new holder").isEqualTo(1);
        assertThat(others).singleElement().satisfies(o -> {
            assertThat(o.done()).isEqualTo(1);
            assertThat(o.turnId()).isNotEqualTo(lost.turnId());
        });
        TurnReport next = other.runTurn();
        assertThat(next.done()).isEqualTo(1);
        assertThat(next.turnId()).as("the other instance's state was not overwritten by the lost turn")
                .isEqualTo("roy-3");
    }

    /** A lease whose renewals fail once {@link #stolen}: another holder took it after it ran out. */
    static final class StealableLease implements TurnLease {
        private final TurnLease inner;
        volatile boolean stolen;

        StealableLease(TurnLease inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Held> tryAcquire(String agent, Duration ttl) {
            return inner.tryAcquire(agent, ttl).map(held -> new Held() {
                @Override
                public boolean renew(Duration again) {
                    return !stolen && held.renew(again);
                }

                @Override
                public void close() {
                    held.close();
                }
            });
        }
    }
}
