package dev.agentkit.bench.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;
import io.nats.client.support.NatsJetStreamConstants;
import io.nats.client.support.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The compared side of B1 and B8: a hand-written jnats drain loop on the same durable settings as
 * an agent's work consumer, with plain jnats calls only. Each fetch is one pull request to the
 * consumer's {@code CONSUMER.MSG.NEXT} subject on its own inbox, read to its end (the batch full,
 * or the 404/408 status that ends it), then every message is acked with {@code msg.ack()}: the
 * same pull {@code JetStreamBroker} sends. Not {@code ConsumerContext.fetch}, whose fetch can end
 * before the reader thread queues a full batch's last message (jnats 2.26), which the server then
 * holds until the ack wait and which stalls that repetition for 30 s.
 */
final class RawDrain {
    /** How long one pull waits for its first message; the server ends it with 408 then. */
    private static final long EXPIRES_MILLIS = 2000;
    /** How long after the expiry the loop still waits for the server's answer to a pull. */
    private static final Duration ANSWER = Duration.ofMillis(EXPIRES_MILLIS + 500);

    private final Connection nc;
    private final String nextSubject;
    private final byte[] request;
    private final int batch;

    RawDrain(Connection nc, String stream, String durable, int batch) {
        this.nc = nc;
        this.batch = batch;
        this.nextSubject = NatsJetStreamConstants.DEFAULT_API_PREFIX
                + String.format(NatsJetStreamConstants.JSAPI_CONSUMER_MSG_NEXT, stream, durable);
        this.request = PullRequestOptions.noWait(batch).expiresIn(EXPIRES_MILLIS).build().toJson()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Fetches and acks until {@code n} messages are done; fails when that takes longer than {@code limit}. */
    void drain(int n, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int done = 0;
        while (done < n) {
            done += pullAndAck();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("raw drain did " + done + " of " + n + " within " + limit);
            }
        }
    }

    /** One pull of up to a batch, read to its end, each message acked as it arrives; how many were acked. */
    private int pullAndAck() throws InterruptedException {
        Subscription inbox = nc.subscribe(nc.createInbox());
        try {
            inbox.setPendingLimits(0, 0); // the answer is bounded by the batch
            nc.publish(nextSubject, inbox.getSubject(), request);
            long answerBy = System.nanoTime() + ANSWER.toNanos();
            int acked = 0;
            while (acked < batch) {
                long left = answerBy - System.nanoTime();
                Message m = left > 0 ? inbox.nextMessage(Duration.ofNanos(left)) : null;
                if (m == null) {
                    return acked; // not answered in time: the next pull asks again
                }
                if (m.isStatusMessage()) {
                    if (ends(m.getStatus())) {
                        return acked;
                    }
                } else if (m.isJetStream()) {
                    m.ack();
                    acked++;
                }
            }
            return acked;
        } finally {
            inbox.unsubscribe();
        }
    }

    /** Whether {@code status} ends the pull (no messages, expired, or any other end); heartbeats do not. */
    private static boolean ends(Status status) {
        return !status.isHeartbeat() && !status.isFlowControl();
    }
}
