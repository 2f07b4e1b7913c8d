package dev.agentkit.bench.nats;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import java.time.Duration;

/**
 * B1's compared side: a hand-written jnats drain loop as the jnats documentation shows it
 * ({@code ConsumerContext.fetch} with a batch size, {@code msg.ack()} each message), on the same
 * durable settings as an agent's work consumer.
 */
final class RawDrain {
    private final ConsumerContext consumer;
    private final FetchConsumeOptions options;

    RawDrain(Connection nc, String stream, String durable, int batch) throws Exception {
        this.consumer = nc.getConsumerContext(stream, durable);
        this.options = FetchConsumeOptions.builder().maxMessages(batch).expiresIn(2000).build();
    }

    /** Fetches and acks until {@code n} messages are done; {@code n} should be a multiple of the batch. */
    @SuppressWarnings("try") // FetchConsumer.close() may throw InterruptedException; drain throws Exception anyway
    void drain(int n, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int done = 0;
        while (done < n) {
            try (FetchConsumer fetch = consumer.fetch(options)) {
                Message m = fetch.nextMessage();
                while (m != null) {
                    m.ack();
                    done++;
                    m = fetch.nextMessage();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("raw drain did " + done + " of " + n + " within " + limit);
            }
        }
    }
}
