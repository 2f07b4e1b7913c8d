package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.broker.BrokerFaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * An agent's turns against the in-memory broker's scripted faults: publishes, acks, naks, terms
 * and fetches that fail (before or after they take effect), lost acks, and a broker that is down
 * for a turn. Once the faults stop, a few more turns end every item done (acked, or processed
 * with its acks lost) or dead-lettered, with nothing pending, and no announcement stored twice.
 */
class TurnFaultPropertyTest {
    private static final int FAULTY_TURNS = 4;
    private static final int CLEAN_TURNS = 8;

    /** One scripted fault, armed before one of the faulty turns. */
    enum Fault {
        FAIL_ANNOUNCEMENT, ANNOUNCEMENT_STORED_BUT_FAILED, DROP_ACK, FAIL_ACK, ACK_APPLIED_BUT_FAILED, FAIL_NAK,
        DROP_NAK, FAIL_FETCH, DOWN, FAIL_DEAD_LETTER, FAIL_TERM;

        void arm(BrokerFaults faults) {
            switch (this) {
                case FAIL_ANNOUNCEMENT -> faults.failNextPublish().matching("work.integration.>");
                case ANNOUNCEMENT_STORED_BUT_FAILED -> faults.failNextPublish().matching("work.integration.>").afterApplying();
                case DROP_ACK -> faults.dropNextAck();
                case FAIL_ACK -> faults.failNextAck();
                case ACK_APPLIED_BUT_FAILED -> faults.failNextAck().afterApplying();
                case FAIL_NAK -> faults.failNext(BrokerFaults.Operation.NAK);
                case DROP_NAK -> faults.dropNext(BrokerFaults.Operation.NAK);
                case FAIL_FETCH -> faults.failNextFetch();
                case DOWN -> faults.goDown();
                case FAIL_DEAD_LETTER -> faults.failNextPublish().matching("work.deadletter.>");
                case FAIL_TERM -> faults.failNext(BrokerFaults.Operation.TERM);
            }
        }
    }

    /**
     * ANNOUNCEMENT_STORED_BUT_FAILED is left out: it stores the announcement twice when the
     * redelivery comes after the stream's duplicate window (2 min in the workshop topology), which
     * JetStream cannot de-duplicate either (the README's guarantees say "within the duplicate
     * window"). Minimal case: one item that announces and is done; arm
     * failNextPublish().matching("work.integration.>").afterApplying(); run a turn, advance one
     * hour, run a turn: two copies of the announcement.
     */
    static final int MAX_DELIVER = 3;
    static final java.util.Set<Fault> EXCLUDED = java.util.EnumSet.of(Fault.ANNOUNCEMENT_STORED_BUT_FAILED);

    /** What {@code processWork} does with an item, on every delivery. */
    enum Work { DONE, ANNOUNCE, RETRY_ONCE, REJECT, THROW }

    @BeforeContainer
    static void quiet() {
        TurnEnvelopePropertyTest.quietTurns();
    }

    @AfterContainer
    static void loud() {
        TurnEnvelopePropertyTest.loudAgain();
    }

    @Property(tries = 1000)
    void afterTheFaultsEveryItemEndsDoneOrDeadLetteredAndNothingIsAnnouncedTwice(
            @ForAll("work") List<Work> items, @ForAll("faults") List<List<Fault>> faultsPerTurn) {
        try (AgentTestKit kit = AgentTestKit.create()) {
            kit.provision("roy", "backend");
            ConsumerRef work = ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work());
            ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").room("backend")
                    .brokerRetry(Duration.ZERO).build(), kit.runtime());
            roy.work = (self, wi) -> switch (items.get(wi.json().path("n").asInt())) {
                case DONE -> Outcome.done();
                case ANNOUNCE -> {
                    self.announceFromWork("built", Map.of("n", wi.json().path("n").asInt()));
                    yield Outcome.done();
                }
                case RETRY_ONCE -> wi.deliveryCount() == 1 ? Outcome.retry(Duration.ofMinutes(1), "once") : Outcome.done();
                case REJECT -> Outcome.reject("no");
                case THROW -> throw new IllegalStateException("boom");
            };
            for (int n = 0; n < items.size(); n++) {
                kit.publishWork("backend", Map.of("id", "REQ-" + n, "n", n));
            }

            for (List<Fault> faults : faultsPerTurn) {
                faults.forEach(f -> f.arm(kit.faults()));
                assertThat(roy.runTurn()).isNotNull();
                kit.faults().clear();
                kit.advance(Duration.ofHours(1));
            }
            for (int turn = 0; turn < CLEAN_TURNS && !settled(kit, work); turn++) {
                assertThat(roy.runTurn()).isNotNull();
                kit.advance(Duration.ofHours(1));
            }

            ConsumerStatus status = kit.broker().status(work);
            assertThat(status.pending()).as("nothing left undelivered").isZero();
            assertThat(status.ackPending()).as("nothing left pending").isZero();
            for (int n = 0; n < items.size(); n++) {
                String id = "REQ-" + n;
                // the item, or a copy requeued with a fresh delivery budget after a transient broker
                // failure on its last delivery (its id is <id>:requeue:<sequence>)
                List<String> ids = new java.util.ArrayList<>(List.of(id));
                kit.published("work.requirements.backend").stream().map(e -> e.id().orElse(""))
                        .filter(i -> i.startsWith(id + ":requeue:")).forEach(ids::add);
                boolean dead = kit.deadLetters("roy").stream()
                        .anyMatch(e -> ids.contains(e.header(Headers.ORIGINAL_ID).orElse(null)));
                // done (processed) counts too: two lost acks in a row can leave a done item unacked
                // until it runs out of deliveries; its work is not lost
                boolean done = ids.stream().anyMatch(i -> kit.acked(i) || kit.processedStore().isProcessed("roy." + i));
                assertThat(dead || done).as("%s (%s) ended done or dead-lettered", id, items.get(n)).isTrue();
            }
            assertThat(kit.published("work.integration.built").stream()
                    .collect(Collectors.groupingBy(e -> e.json().path("n").asInt(), Collectors.counting())))
                    .as("announced at most once").allSatisfy((n, count) -> assertThat(count).isEqualTo(1L));
        }
    }

    private static boolean settled(AgentTestKit kit, ConsumerRef work) {
        ConsumerStatus s = kit.broker().status(work);
        return s.pending() == 0 && s.ackPending() == 0;
    }

    @Provide
    Arbitrary<List<Work>> work() {
        return Arbitraries.of(Work.class).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<List<Fault>>> faults() {
        return Arbitraries.of(Fault.class).filter(f -> !EXCLUDED.contains(f))
                .list().ofMaxSize(3).list().ofMinSize(1).ofMaxSize(FAULTY_TURNS);
    }
}
