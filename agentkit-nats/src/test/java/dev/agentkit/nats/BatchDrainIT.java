package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drains deep backlogs in batches of a hundred, the way a busy agent does. A fetch that lost a
 * message on the client (the server counts it delivered, the caller never sees it) leaves it
 * unacknowledged until the ack wait (30 s) and burns a delivery attempt: here that shows as a
 * short batch from a full backlog, a drain that cannot finish, or a redelivery. jnats'
 * {@code ConsumerContext.fetch} did that now and then (a race in its FetchConsumer): the shared
 * drain of 100,000 failed in about a third of the runs.
 */
class BatchDrainIT extends RealNatsSupport {
    private static final int BATCH = 100;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 2_000;
    private static final byte[] BODY = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyFetchFromAFullBacklogReturnsAWholeBatchAndNothingIsRedelivered() throws Exception {
        JetStreamBroker broker = broker();
        ConsumerRef c = provision(broker, "D");
        List<String> shortFetches = new ArrayList<>();
        int received = 0;
        int redelivered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            publish(broker, unique("d") + ".x", PER_ROUND);
            // a zero wait and a positive one take different paths through the server
            Duration wait = round % 2 == 0 ? Duration.ZERO : Duration.ofSeconds(1);
            int left = PER_ROUND;
            while (left > 0) {
                List<Delivery> got = broker.fetch(c, BATCH, wait);
                if (got.size() != Math.min(BATCH, left)) {
                    shortFetches.add("round " + round + " (wait " + wait.toMillis() + " ms): " + got.size() + " of "
                            + Math.min(BATCH, left));
                }
                for (Delivery d : got) {
                    redelivered += d.deliveryCount() > 1 ? 1 : 0;
                    d.ack();
                }
                received += got.size();
                left -= got.size();
                if (got.isEmpty()) {
                    break;
                }
            }
        }
        assertThat(shortFetches).as("fetches from a backlog that returned less than a batch").isEmpty();
        assertThat(received).isEqualTo(ROUNDS * PER_ROUND);
        assertThat(redelivered).isZero();
        RealTime.await("every ack to be counted", Duration.ofSeconds(5),
                () -> broker.status(c).ackPending() == 0 && broker.status(c).pending() == 0);
    }

    @Test
    void twoThreadsSharingOneBrokerDrainABacklogWithoutStrandingAMessage() throws Exception {
        JetStreamBroker broker = broker();
        ConsumerRef c = provision(broker, "T");
        int total = 50 * PER_ROUND;
        publish(broker, unique("t") + ".x", total);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger redelivered = new AtomicInteger();
        // well inside the ack wait: a message stranded on the client would only come back after it
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Runnable drain = () -> {
            while (seen.size() < total && System.nanoTime() < deadline) {
                for (Delivery d : broker.fetch(c, BATCH, Duration.ofSeconds(1))) {
                    duplicates.addAndGet(seen.add(d.streamSequence()) ? 0 : 1);
                    redelivered.addAndGet(d.deliveryCount() > 1 ? 1 : 0);
                    d.ack();
                }
            }
        };
        CompletableFuture<Void> one = CompletableFuture.runAsync(drain);
        CompletableFuture<Void> two = CompletableFuture.runAsync(drain);
        CompletableFuture.allOf(one, two).get(30, TimeUnit.SECONDS);
        assertThat(seen.size()).as("messages drained within 15 s").isEqualTo(total);
        assertThat(duplicates).hasValue(0);
        assertThat(redelivered).hasValue(0);
    }

    private ConsumerRef provision(JetStreamBroker broker, String name) {
        broker.ensureStream(StreamSpec.of(unique(name), unique(name.toLowerCase()) + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique(name), "c"));
        return new ConsumerRef(unique(name), "c");
    }

    /** Publishes {@code n} small messages asynchronously and waits until the stream holds them all. */
    private static void publish(JetStreamBroker broker, String subject, int n) throws Exception {
        JetStream js = broker.connection().jetStream();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            acks.add(js.publishAsync(subject, BODY));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
}
