package dev.agentkit.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.broker.TopologyConflictException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Broker} must have, as one JUnit 5 suite: extend it, say how to get
 * the broker and how to let time pass, and the same tests run against your implementation.
 * {@code InMemoryBrokerContractTest} runs it on the fake with a virtual clock, and
 * {@code JetStreamBrokerIT} on a real nats-server; if they disagree, the fake is wrong.
 *
 * <p>Each test makes its own uniquely named streams and consumers, so one broker (one server)
 * may serve the whole class. Delays are a few seconds: free on the virtual clock, short on a real
 * server. More cases live in {@link BrokerRedeliveryContract}, which this class extends.
 */
public abstract class BrokerContract extends BrokerRedeliveryContract {

    @Test
    void publishedMessageIsFetchedOnceWithItsBodyAndHeaders() {
        ConsumerRef c = streamWithConsumer();
        Envelope sent = Envelope.ofJson(Map.of("id", "REQ-1", "n", 1)).withHeader("X-Test", "yes");
        broker().publish(subject("a"), sent);
        List<Delivery> got = broker().fetch(c, 10, margin());
        assertThat(got).hasSize(1);
        Delivery d = got.get(0);
        assertThat(d.envelope().json()).isEqualTo(sent.json());
        assertThat(d.envelope().header("X-Test")).contains("yes");
        assertThat(d.subject()).isEqualTo(subject("a"));
        assertThat(d.deliveryCount()).isEqualTo(1);
        assertThat(d.stream()).isEqualTo(c.stream());
        d.ack();
        assertThat(broker().fetch(c, 10, Duration.ZERO)).isEmpty();
    }

    @Test
    void publishToASubjectNoStreamCapturesFails() {
        streamWithConsumer();
        assertThatThrownBy(() -> broker().publish("nowhere" + unique + ".x", Envelope.ofJson(Map.of())))
                .isInstanceOf(BrokerException.class);
    }

    @Test
    void filterSubjectsDeliverOnlyMatchingMessages() {
        String stream = streamOf(subjectPattern());
        ConsumerRef c = consumer(ConsumerSpec.of(stream, name("f"), subject("a"), subject("c")));
        broker().publish(subject("a"), Envelope.ofJson(Map.of("n", 1)));
        broker().publish(subject("b"), Envelope.ofJson(Map.of("n", 2)));
        broker().publish(subject("c"), Envelope.ofJson(Map.of("n", 3)));
        assertThat(fetchAll(c)).extracting(Delivery::subject).containsExactly(subject("a"), subject("c"));
    }

    @Test
    void wildcardStreamSubjectsCaptureMatchingTokens() {
        String root = "w" + unique;
        String stream = streamOf(root + ".*.work", root + ".deep.*.>");
        ConsumerRef c = consumer(ConsumerSpec.of(stream, name("w")));
        broker().publish(root + ".roy.work", Envelope.ofJson(Map.of()));
        broker().publish(root + ".deep.a.b.c", Envelope.ofJson(Map.of()));
        assertThatThrownBy(() -> broker().publish(root + ".roy.play", Envelope.ofJson(Map.of())))
                .isInstanceOf(BrokerException.class);
        assertThat(fetchAll(c)).extracting(Delivery::subject)
                .containsExactly(root + ".roy.work", root + ".deep.a.b.c");
    }

    @Test
    void duplicateMessageIdIsStoredOnce() {
        ConsumerRef c = streamWithConsumer();
        PublishResult first = broker().publish(subject("a"), Envelope.ofJson(Map.of("v", 1)).withMessageId("REQ-7"));
        PublishResult second = broker().publish(subject("a"), Envelope.ofJson(Map.of("v", 2)).withMessageId("REQ-7"));
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.sequence()).isEqualTo(first.sequence());
        assertThat(fetchAll(c)).hasSize(1).first().satisfies(d -> assertThat(d.envelope().json().path("v").asInt()).isEqualTo(1));
    }

    @Test
    void limitsRetentionKeepsOnlyTheNewestMessages() {
        String stream = name("S");
        ensureStream(StreamSpec.of(stream, subjectPattern()).withLimits(3, Duration.ZERO));
        for (int i = 1; i <= 5; i++) {
            broker().publish(subject("a"), Envelope.ofJson(Map.of("n", i)));
        }
        ConsumerRef c = consumer(ConsumerSpec.of(stream, name("late")));
        assertThat(fetchAll(c)).extracting(d -> d.envelope().json().path("n").asInt()).containsExactly(3, 4, 5);
    }

    @Test
    void twoConsumersOnOneStreamEachSeeEveryMessage() {
        String stream = streamOf(subjectPattern());
        ConsumerRef roy = consumer(ConsumerSpec.of(stream, name("roy")));
        ConsumerRef jen = consumer(ConsumerSpec.of(stream, name("jen")));
        broker().publish(subject("api_ready"), Envelope.ofJson(Map.of("n", 1)));
        broker().publish(subject("api_ready"), Envelope.ofJson(Map.of("n", 2)));
        assertThat(fetchAll(roy)).hasSize(2);
        assertThat(fetchAll(jen)).hasSize(2);
    }

    @Test
    void oneDurableSharedByTwoFetchersNeverHandsOneMessageToBoth() throws Exception {
        ConsumerRef c = streamWithConsumer();
        for (int i = 0; i < 20; i++) {
            broker().publish(subject("a"), Envelope.ofJson(Map.of("n", i)));
        }
        CompletableFuture<List<Delivery>> one = CompletableFuture.supplyAsync(() -> broker().fetch(c, 10, margin()));
        CompletableFuture<List<Delivery>> two = CompletableFuture.supplyAsync(() -> broker().fetch(c, 10, margin()));
        List<Long> seen = new java.util.ArrayList<>();
        one.get(30, TimeUnit.SECONDS).forEach(d -> seen.add(d.streamSequence()));
        two.get(30, TimeUnit.SECONDS).forEach(d -> seen.add(d.streamSequence()));
        seen.addAll(fetchAll(c).stream().map(Delivery::streamSequence).toList());
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void emptyFetchWithoutWaitReturnsPromptly() {
        ConsumerRef c = streamWithConsumer();
        AgentClock real = AgentClock.system();
        long start = real.nanoTime();
        assertThat(broker().fetch(c, 10, Duration.ZERO)).isEmpty();
        assertThat(real.elapsedSince(start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void fetchWithAWaitReturnsAsSoonAsAMessageArrives() {
        ConsumerRef c = streamWithConsumer();
        AgentClock clock = clock();
        long start = clock.nanoTime();   // before the timer is set, so the publish is at least 500 ms after it
        clock.schedule(Duration.ofMillis(500), () -> broker().publish(subject("a"), Envelope.ofJson(Map.of("late", true))));
        assertThat(broker().fetch(c, 5, Duration.ofSeconds(20))).hasSize(1);
        assertThat(clock.elapsedSince(start)).as("by the broker's clock: after the publish, well before the wait's end")
                .isBetween(Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    @Test
    void overlappingStreamSubjectsAreRefused() {
        streamOf(subjectPattern());
        assertThatThrownBy(() -> ensureStream(StreamSpec.of(name("other"), subject("a"))))
                .isInstanceOf(TopologyConflictException.class)
                .hasMessageContaining("subjects");
    }

    @Test
    void ensuringAStreamTwiceKeepsItsMessages() {
        String stream = name("S");
        StreamSpec spec = StreamSpec.of(stream, subjectPattern());
        ensureStream(spec);
        broker().publish(subject("a"), Envelope.ofJson(Map.of()));
        ensureStream(spec);
        ConsumerSpec consumer = ConsumerSpec.of(stream, name("c"));
        broker().ensureConsumer(consumer);
        broker().ensureConsumer(consumer);
        assertThat(fetchAll(ConsumerRef.of(consumer))).hasSize(1);
    }

    @Test
    void changingAStreamsRetentionIsAConflict() {
        String stream = streamOf(subjectPattern());
        assertThatThrownBy(() -> ensureStream(
                StreamSpec.of(stream, subjectPattern()).withRetention(StreamSpec.Retention.WORK_QUEUE)))
                .isInstanceOf(TopologyConflictException.class)
                .hasMessageContaining(stream).hasMessageContaining("retention");
    }

    @Test
    void statusCountsUndeliveredAndUnacknowledgedMessages() {
        ConsumerRef c = streamWithConsumer();
        for (int i = 0; i < 3; i++) {
            broker().publish(subject("a"), Envelope.ofJson(Map.of("n", i)));
        }
        assertThat(broker().fetch(c, 1, margin())).hasSize(1);
        assertThat(broker().status(c).pending()).isEqualTo(2);
        assertThat(broker().status(c).ackPending()).isEqualTo(1);
        assertThat(broker().status(c).hasWork()).isTrue();
    }

    @Test
    void fetchingFromAnUnknownConsumerFails() {
        String stream = streamOf(subjectPattern());
        assertThatThrownBy(() -> broker().fetch(new ConsumerRef(stream, name("ghost")), 1, Duration.ZERO))
                .isInstanceOf(BrokerException.class);
    }

    @Test
    void aMessageOverTheMaxPayloadIsRefusedForGoodAndOneAtItIsStored() {
        streamWithConsumer();
        long max = broker().maxPayload();
        Envelope at = Envelope.of(new byte[(int) max - 200], Map.of("X-Pad", "p"));
        byte[] over = new byte[(int) max + 1];
        assertThat(broker().publish(subject("a"), at).duplicate()).isFalse();
        assertThatThrownBy(() -> broker().publish(subject("a"), Envelope.of(over, Map.of())))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("max payload");
    }

    @Test
    void aStoredMessageIsReadBackBySequence() {
        streamWithConsumer();
        Envelope sent = Envelope.ofJson(Map.of("id", "m-" + unique)).withHeader("X-Trace", "t-1");
        PublishResult r = broker().publish(subject("a"), sent);
        assertThat(broker().envelopeAt(r.stream(), r.sequence())).hasValueSatisfying(e -> {
            assertThat(e.body()).isEqualTo(sent.body());
            assertThat(e.headers()).containsEntry("X-Trace", "t-1");
        });
        assertThat(broker().envelopeAt(r.stream(), r.sequence() + 100)).isEmpty();
    }
}
