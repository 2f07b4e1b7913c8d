package dev.agentkit.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The redelivery half of the broker contract: ack wait, nak delays, in-progress, term and the
 * delivery limit. Extend {@link BrokerContract}, which includes these tests.
 */
public abstract class BrokerRedeliveryContract extends BrokerContractSupport {

    private Delivery publishAndFetchOne(ConsumerRef c) {
        broker().publish(subject("a"), Envelope.ofJson(Map.of("id", "work-" + unique)));
        List<Delivery> got = broker().fetch(c, 1, margin());
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    void unackedMessageIsRedeliveredAfterTheAckWait() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(2), 5);
        Delivery first = publishAndFetchOne(c);
        assertThat(broker().fetch(c, 1, Duration.ZERO)).isEmpty();
        List<Delivery> again = fetchAfter(c, 1, Duration.ofSeconds(2));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
        assertThat(again.get(0).streamSequence()).isEqualTo(first.streamSequence());
    }

    @Test
    void ackedMessageIsNeverRedelivered() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(2), 5);
        publishAndFetchOne(c).ack();
        elapse(Duration.ofSeconds(4));
        assertThat(broker().fetch(c, 1, Duration.ZERO)).isEmpty();
        assertThat(broker().status(c).hasWork()).isFalse();
    }

    @Test
    void nakWithDelayRedeliversAfterTheDelayAndNotBefore() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(30), 5);
        publishAndFetchOne(c).nak(Duration.ofSeconds(2));
        assertThat(broker().fetch(c, 1, Duration.ZERO)).isEmpty();
        List<Delivery> again = fetchAfter(c, 1, Duration.ofSeconds(2));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void nakWithoutDelayRedeliversAtOnce() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(30), 5);
        publishAndFetchOne(c).nak(Duration.ZERO);
        List<Delivery> again = broker().fetch(c, 1, margin());
        assertThat(again).hasSize(1);
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void inProgressRestartsTheAckWait() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(3), 5);
        Delivery d = publishAndFetchOne(c);
        elapse(Duration.ofSeconds(2));
        d.inProgress();
        elapse(Duration.ofSeconds(2));
        assertThat(broker().fetch(c, 1, Duration.ZERO)).as("redelivered although marked in progress").isEmpty();
        List<Delivery> again = fetchAfter(c, 1, Duration.ofMillis(1500));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void maxDeliverStopsRedelivery() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(1), 2);
        publishAndFetchOne(c).nak(Duration.ZERO);
        List<Delivery> second = broker().fetch(c, 1, margin());
        assertThat(second).hasSize(1);
        assertThat(second.get(0).deliveryCount()).isEqualTo(2);
        second.get(0).nak(Duration.ZERO);
        elapse(Duration.ofSeconds(2));
        assertThat(broker().fetch(c, 1, Duration.ZERO)).isEmpty();
    }

    @Test
    void termStopsRedelivery() {
        ConsumerRef c = streamWithConsumer(Duration.ofSeconds(1), 5);
        publishAndFetchOne(c).term("cannot be done");
        elapse(Duration.ofSeconds(2));
        assertThat(broker().fetch(c, 1, Duration.ZERO)).isEmpty();
    }
}
