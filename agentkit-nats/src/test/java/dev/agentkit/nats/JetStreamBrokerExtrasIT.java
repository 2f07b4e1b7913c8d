package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the real broker does beyond the contract: header encoding, reads by sequence, failure kinds. */
class JetStreamBrokerExtrasIT extends RealNatsSupport {

    @Test
    void headersNatsCannotCarryRoundTripThroughTheServer() {
        JetStreamBroker broker = broker();
        broker.ensureStream(StreamSpec.of(unique("S"), unique("s") + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique("S"), "c"));
        Envelope sent = Envelope.ofJson(Map.of("id", 1)).withHeader("Agentkit-Dead-Reason", "échoué\nligne deux")
                .withMessageId("REQ-é");
        long seq = broker.publish(unique("s") + ".a", sent).sequence();
        assertThat(broker.publish(unique("s") + ".a", sent).duplicate()).isTrue();
        List<Delivery> got = broker.fetch(new ConsumerRef(unique("S"), "c"), 5, Duration.ofSeconds(2));
        assertThat(got).singleElement().satisfies(d -> assertThat(d.envelope()).isEqualTo(sent));
        assertThat(broker.readMessage(unique("S"), seq)).hasValueSatisfying(m -> {
            assertThat(m.subject()).isEqualTo(unique("s") + ".a");
            assertThat(m.envelope()).isEqualTo(sent);
        });
        assertThat(broker.readMessage(unique("S"), seq + 100)).isEmpty();
    }

    @Test
    void missingStreamsAndConsumersArePermanentFailuresNamingThem() {
        JetStreamBroker broker = broker();
        assertThatThrownBy(() -> broker.status(new ConsumerRef("NOPE_" + id, "ghost")))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("NOPE_" + id);
        assertThatThrownBy(() -> broker.ensureConsumer(ConsumerSpec.of("NOPE_" + id, "c")))
                .isInstanceOf(BrokerException.class).hasMessageContaining("NOPE_" + id);
        assertThatThrownBy(() -> broker.publish("nowhere." + id, Envelope.ofJson(Map.of())))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("nowhere." + id);
    }

    @Test
    void aShortWaitIsRaisedToJnatsMinimumAndStillReturnsEarlyWhenAMessageIsThere() {
        JetStreamBroker broker = broker();
        broker.ensureStream(StreamSpec.of(unique("W"), unique("w") + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique("W"), "c"));
        ConsumerRef c = new ConsumerRef(unique("W"), "c");
        long start = System.nanoTime();
        assertThat(broker.fetch(c, 1, Duration.ofMillis(10))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        broker.publish(unique("w") + ".x", Envelope.ofJson(Map.of()));
        start = System.nanoTime();
        assertThat(broker.fetch(c, 10, Duration.ofSeconds(10))).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void settlingAfterTheBrokerClosedIsAPermanentFailure() {
        JetStreamBroker broker = JetStreamBroker.connect(config());
        broker.ensureStream(StreamSpec.of(unique("C"), unique("c") + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique("C"), "c"));
        broker.publish(unique("c") + ".x", Envelope.ofJson(Map.of()));
        Delivery d = broker.fetch(new ConsumerRef(unique("C"), "c"), 1, Duration.ofSeconds(2)).get(0);
        broker.close();
        assertThatThrownBy(d::ack).isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse());
    }
}
