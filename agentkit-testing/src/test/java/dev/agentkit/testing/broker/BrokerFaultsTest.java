package dev.agentkit.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted faults of the in-memory broker: what each rule hits, how, and how often. */
class BrokerFaultsTest {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final BrokerFaults faults = broker.faults();
    private final ConsumerRef work = new ConsumerRef("WORK", "roy");
    private final ConsumerRef other = new ConsumerRef("WORK", "jen");

    @BeforeEach
    void streams() {
        broker.ensureStream(StreamSpec.of("WORK", "work.>"));
        broker.ensureConsumer(ConsumerSpec.of("WORK", "roy", "work.roy.>").withMaxDeliver(5));
        broker.ensureConsumer(ConsumerSpec.of("WORK", "jen"));
    }

    private static Envelope item(String id) {
        return Envelope.ofJson(Map.of("id", id)).withMessageId(id);
    }

    private Delivery fetchOne(ConsumerRef ref) {
        List<Delivery> got = broker.fetch(ref, 1, Duration.ZERO);
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    void theNextPublishFailsTransientlyOnceAndStoresNothing() {
        FaultRule rule = faults.failNextPublish();
        assertThatThrownBy(() -> broker.publish("work.roy.a", item("A")))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("publish to work.roy.a");
        assertThat(broker.messages("WORK")).isEmpty();
        broker.publish("work.roy.a", item("A"));
        assertThat(broker.messages("WORK")).hasSize(1);
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(faults.armed()).isEmpty();
    }

    @Test
    void aRuleMatchingASubjectHitsOnlyThoseNTimesAndPermanently() {
        faults.failNextPublish().matching("work.roy.>").times(2).permanently().withMessage("disk full");
        broker.publish("work.jen.x", item("J"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> broker.publish("work.roy.a", item("A")))
                    .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessage("disk full");
        }
        broker.publish("work.roy.a", item("A"));
        assertThat(broker.messages("WORK")).hasSize(2);
    }

    @Test
    void aPublishFailingAfterApplyingIsStoredAndItsRetryIsADuplicate() {
        faults.failNextPublish().afterApplying();
        assertThatThrownBy(() -> broker.publish("work.roy.a", item("A"))).isInstanceOf(BrokerException.class);
        assertThat(broker.publish("work.roy.a", item("A")).duplicate()).isTrue();
        assertThat(broker.messages("WORK")).hasSize(1);
    }

    @Test
    void aFetchFaultOnOneConsumerLeavesTheOthers() {
        broker.publish("work.roy.a", item("A"));
        faults.failNextFetch().on(work);
        assertThat(broker.fetch(other, 1, Duration.ZERO)).hasSize(1);
        assertThatThrownBy(() -> broker.fetch(work, 1, Duration.ZERO)).isInstanceOf(BrokerException.class);
        assertThat(fetchOne(work).deliveryCount()).as("a failed fetch delivers nothing").isEqualTo(1);
    }

    @Test
    void aFetchFailingAfterApplyingLosesItsDeliveriesUntilTheAckWait() {
        broker.publish("work.roy.a", item("A"));
        faults.failNextFetch().afterApplying();
        assertThatThrownBy(() -> broker.fetch(work, 1, Duration.ZERO)).isInstanceOf(BrokerException.class);
        assertThat(broker.fetch(work, 1, Duration.ZERO)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(fetchOne(work).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aFailedAckLeavesTheDeliveryPendingAndAnAckFailingAfterApplyingIsApplied() {
        broker.publish("work.roy.a", item("A"));
        broker.publish("work.roy.b", item("B"));
        faults.failNextAck();
        faults.failNextAck().afterApplying();
        Delivery a = fetchOne(work);
        Delivery b = fetchOne(work);
        assertThatThrownBy(a::ack).isInstanceOf(BrokerException.class);
        assertThatThrownBy(b::ack).isInstanceOf(BrokerException.class);
        assertThat(broker.settlements()).extracting(InMemoryBroker.Settlement::sequence).containsExactly(2L);
        clock.advance(Duration.ofSeconds(30));
        Delivery again = fetchOne(work);
        assertThat(again.streamSequence()).isEqualTo(1L);
        again.ack();
        clock.advance(Duration.ofSeconds(30));
        assertThat(broker.fetch(work, 10, Duration.ZERO)).isEmpty();
    }

    @Test
    void aDroppedAckReturnsButTheMessageIsRedeliveredAfterTheAckWait() {
        broker.publish("work.roy.a", item("A"));
        FaultRule drop = faults.dropNextAck().matching("work.roy.*");
        fetchOne(work).ack();
        assertThat(drop.fired()).isEqualTo(1);
        assertThat(broker.settlements()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Delivery again = fetchOne(work);
        assertThat(again.deliveryCount()).isEqualTo(2);
        again.ack();
        assertThat(broker.settlements()).extracting(InMemoryBroker.Settlement::action)
                .containsExactly(InMemoryBroker.Action.ACK);
    }

    @Test
    void otherSettlementsCanFailOrBeDropped() {
        broker.publish("work.roy.a", item("A"));
        faults.failNext(BrokerFaults.Operation.NAK);
        faults.dropNext(BrokerFaults.Operation.IN_PROGRESS);
        Delivery a = fetchOne(work);
        a.inProgress();
        assertThatThrownBy(() -> a.nak(Duration.ZERO)).isInstanceOf(BrokerException.class);
        a.term("no");
        assertThat(broker.settlements()).extracting(InMemoryBroker.Settlement::action)
                .containsExactly(InMemoryBroker.Action.TERM);
    }

    @Test
    void downFailsEveryCallTransientlyUntilItComesBack() {
        broker.publish("work.roy.a", item("A"));
        Delivery a = fetchOne(work);
        FaultRule armed = faults.failNextPublish();
        faults.goDown();
        assertThat(faults.isDown()).isTrue();
        List<Runnable> calls = List.of(
                () -> broker.publish("work.roy.b", item("B")),
                () -> broker.fetch(work, 1, Duration.ofSeconds(5)),
                () -> broker.status(work),
                a::ack,
                () -> broker.ensureStream(StreamSpec.of("MORE", "more.>")));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("the broker is down");
        }
        assertThat(armed.fired()).as("rules wait while the broker is down").isZero();
        faults.comeBack();
        assertThatThrownBy(() -> broker.publish("work.roy.b", item("B"))).isInstanceOf(BrokerException.class);
        broker.publish("work.roy.b", item("B"));
        a.ack();
        assertThat(broker.status(work).ackPending()).isZero();
    }

    @Test
    void alwaysHitsUntilRemovedAndClearRemovesEverything() {
        FaultRule always = faults.failNextPublish().always();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> broker.publish("work.roy.a", item("A"))).isInstanceOf(BrokerException.class);
        }
        always.remove();
        broker.publish("work.roy.a", item("A"));
        faults.failNextFetch().always();
        faults.goDown();
        faults.clear();
        assertThat(faults.isDown()).isFalse();
        assertThat(faults.armed()).isEmpty();
        assertThat(broker.fetch(work, 1, Duration.ZERO)).hasSize(1);
    }

    @Test
    void misusedRulesAreRefused() {
        assertThatThrownBy(() -> faults.failNextFetch().matching("work.>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.dropNext(BrokerFaults.Operation.PUBLISH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.dropNextAck().permanently()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> faults.failNextAck().times(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
