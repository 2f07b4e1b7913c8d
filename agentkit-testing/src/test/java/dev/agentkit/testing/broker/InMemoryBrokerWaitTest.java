package dev.agentkit.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fetch's wait on the in-memory broker: on the virtual clock it lets virtual time pass itself,
 * to the exact instant a message is there or to the end of its wait, and never hangs; on the
 * system clock it waits in real time for a publish.
 */
class InMemoryBrokerWaitTest {
    private final VirtualClock clock = new VirtualClock();
    private final Instant start = clock.now();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final ConsumerRef work = new ConsumerRef("WORK", "roy");

    private static InMemoryBroker provisioned(InMemoryBroker broker) {
        broker.ensureStream(StreamSpec.of("WORK", "work.>"));
        broker.ensureConsumer(ConsumerSpec.of("WORK", "roy").withAckWait(Duration.ofSeconds(30)).withMaxDeliver(3));
        return broker;
    }

    private static Envelope item(String id) {
        return Envelope.ofJson(Map.of("id", id)).withMessageId(id);
    }

    private Duration elapsed() {
        return Duration.between(start, clock.now());
    }

    @Test
    void aWaitOnAnEmptyConsumerEndsEmptyAfterExactlyItsWaitOfVirtualTime() {
        provisioned(broker);

        assertThat(broker.fetch(work, 5, Duration.ofSeconds(20))).isEmpty();

        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aNakedDeliveryIsFetchedAtTheInstantItsDelayEnds() {
        provisioned(broker).publish("work.a", item("A"));
        broker.fetch(work, 1, Duration.ZERO).get(0).nak(Duration.ofSeconds(7));

        List<Delivery> again = broker.fetch(work, 1, Duration.ofSeconds(20));

        assertThat(again).singleElement().satisfies(d -> assertThat(d.deliveryCount()).isEqualTo(2));
        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anUnackedDeliveryIsFetchedAgainWhenItsAckWaitRunsOut() {
        provisioned(broker).publish("work.a", item("A"));
        broker.fetch(work, 1, Duration.ZERO);

        assertThat(broker.fetch(work, 1, Duration.ofMinutes(1))).hasSize(1);

        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTimerThatPublishesWhileTheFetchWaitsEndsTheWaitAtItsInstant() {
        provisioned(broker);
        clock.schedule(Duration.ofSeconds(3), () -> broker.publish("work.a", item("A")));
        clock.schedule(Duration.ofSeconds(10), () -> broker.publish("work.b", item("B")));

        assertThat(broker.fetch(work, 5, Duration.ofSeconds(20))).hasSize(1);

        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(3));
        assertThat(clock.pendingTimers()).as("the later timer is not fired early").isOne();
    }

    @Test
    void aWaitEndsAtOnceWhenTheMessageIsAlreadyThere() {
        provisioned(broker).publish("work.a", item("A"));

        assertThat(broker.fetch(work, 5, Duration.ofSeconds(20))).hasSize(1);

        assertThat(elapsed()).isZero();
    }

    @Test
    void onTheSystemClockAWaitEndsWhenAnotherThreadPublishes() throws Exception {
        InMemoryBroker real = provisioned(new InMemoryBroker(AgentClock.system()));
        CompletableFuture<List<Delivery>> waiting = CompletableFuture.supplyAsync(
                () -> real.fetch(work, 5, Duration.ofSeconds(20)));

        real.publish("work.a", item("A"));

        assertThat(waiting.get(15, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void onTheSystemClockAWaitWithNothingEndsEmptyAfterItsWait() {
        InMemoryBroker real = provisioned(new InMemoryBroker(AgentClock.system()));
        long begun = AgentClock.system().nanoTime();

        assertThat(real.fetch(work, 5, Duration.ofMillis(100))).isEmpty();

        assertThat(AgentClock.system().elapsedSince(begun)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
