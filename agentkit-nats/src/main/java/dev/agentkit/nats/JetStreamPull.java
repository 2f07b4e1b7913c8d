package dev.agentkit.nats;

import static io.nats.client.support.Status.BATCH_COMPLETED;
import static io.nats.client.support.Status.CONFLICT_CODE;
import static io.nats.client.support.Status.EXCEEDED_MAX_PREFIX;
import static io.nats.client.support.Status.LEADERSHIP_CHANGE;
import static io.nats.client.support.Status.MESSAGE_SIZE_EXCEEDS_MAX_BYTES;
import static io.nats.client.support.Status.NOT_FOUND_CODE;
import static io.nats.client.support.Status.NO_RESPONDERS_CODE;
import static io.nats.client.support.Status.PIN_ERROR_CODE;
import static io.nats.client.support.Status.REQUEST_TIMEOUT_CODE;
import static io.nats.client.support.Status.SERVER_SHUTDOWN;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.time.AgentClock;
import io.nats.client.BaseConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;
import io.nats.client.support.NatsJetStreamConstants;
import io.nats.client.support.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull request to a durable JetStream consumer, read to its end by the fetching thread: the
 * request goes to the consumer's {@code CONSUMER.MSG.NEXT} API subject with a fresh inbox as its
 * reply subject, and the messages and the status that ends the request (404 no messages, 408
 * expired, 409 leadership change, 503 no responders) arrive on that inbox's own subscription in
 * the server's order. The pull is over when {@code max} messages or an ending status were read;
 * nothing else decides it. Used by {@link JetStreamBroker#fetch}.
 *
 * <p>Not jnats' {@code ConsumerContext.fetch}: its {@code FetchConsumer} learns that a batch is
 * complete on the connection's reader thread, before that thread has queued the batch's last
 * message, so a {@code nextMessage()} in between ends the fetch and drops that message on the
 * client; the server counts it delivered, and it comes back only after the ack wait with a
 * delivery attempt burned (jnats 2.26). Nor jnats' older {@code JetStreamSubscription.pull}: it
 * reports every 404 and 408 to the connection's error listener, which jnats' default listener
 * logs as a warning.
 */
final class JetStreamPull {
    private static final Logger log = LoggerFactory.getLogger(JetStreamPull.class);
    /** jnats' shortest pull expiry; a shorter positive wait is raised to it. */
    static final long MIN_EXPIRES_MILLIS = BaseConsumeOptions.MIN_EXPIRES_MILLS;
    /** How long after its expiry a pull's answer may still come before the fetch stops waiting for it. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    private JetStreamPull() {
    }

    /** The API subject that hands out the next messages of durable {@code durable} on {@code stream}. */
    static String nextSubject(String stream, String durable) {
        return NatsJetStreamConstants.DEFAULT_API_PREFIX
                + String.format(NatsJetStreamConstants.JSAPI_CONSUMER_MSG_NEXT, stream, durable);
    }

    /**
     * Up to {@code max} JetStream messages from the consumer behind {@code nextSubject} ({@link
     * #nextSubject}). A zero {@code wait} asks for what is there now; a positive one, raised to
     * {@link #MIN_EXPIRES_MILLIS}, waits that long for the first message and returns once what is
     * there has been handed out. Stops waiting {@link #ANSWER_MARGIN} after the expiry (a second
     * for a zero wait) when the server does not answer, with what it got.
     *
     * @param what names the consumer in failures
     * @throws BrokerException when the server refuses or breaks off the pull (a 409 other than a
     *                         leadership change); transient unless repeating the same pull cannot help
     */
    static List<Message> fetch(Connection connection, String nextSubject, int max, Duration wait, String what)
            throws InterruptedException {
        PullRequestOptions.Builder request = PullRequestOptions.noWait(max);
        long expiresMillis = wait.isZero() ? 0 : Math.max(MIN_EXPIRES_MILLIS, wait.toMillis());
        if (expiresMillis > 0) {
            // no_wait with an expiry: wait for a first message, then end once nothing more is there
            request.expiresIn(expiresMillis);
        }
        long answerNanos = Duration.ofMillis(expiresMillis > 0 ? expiresMillis : MIN_EXPIRES_MILLIS)
                .plus(ANSWER_MARGIN).toNanos();
        Subscription inbox = connection.subscribe(connection.createInbox());
        try {
            // the answer is bounded by max: never drop part of it as a slow consumer
            inbox.setPendingLimits(0, 0);
            connection.publish(nextSubject, inbox.getSubject(),
                    request.build().toJson().getBytes(StandardCharsets.UTF_8));
            List<Message> got = new ArrayList<>(Math.min(max, 1024));
            AgentClock real = AgentClock.system(); // the server's answer comes in real time
            long deadline = real.nanoTime() + answerNanos;
            while (got.size() < max) {
                long left = deadline - real.nanoTime();
                Message m = left > 0 ? inbox.nextMessage(Duration.ofNanos(left)) : null;
                if (m == null) {
                    log.debug("pull from {} not answered within {} ms; ending it with {} messages", what,
                            Duration.ofNanos(answerNanos).toMillis(), got.size());
                    break;
                }
                if (m.isStatusMessage()) {
                    if (ends(m.getStatus(), what)) {
                        break;
                    }
                } else if (m.isJetStream()) {
                    got.add(m);
                }
            }
            return got;
        } finally {
            unsubscribe(inbox);
        }
    }

    /** Whether {@code status} ends the pull; throws when it refuses or breaks off the pull. */
    static boolean ends(Status status, String what) {
        int code = status.getCode();
        if (status.isHeartbeat() || status.isFlowControl()) {
            return false;
        }
        if (code == NOT_FOUND_CODE || code == REQUEST_TIMEOUT_CODE || code == NO_RESPONDERS_CODE || code == PIN_ERROR_CODE) {
            // no (more) messages, expired, or no consumer leader to answer (the broker checks that one)
            return true;
        }
        String text = status.getMessage();
        if (code == CONFLICT_CODE && (text.equals(LEADERSHIP_CHANGE) || text.equals(BATCH_COMPLETED)
                || text.equals(SERVER_SHUTDOWN) || text.equals(MESSAGE_SIZE_EXCEEDS_MAX_BYTES))) {
            return true;
        }
        // "Exceeded MaxRequestBatch" and the like repeat on every retry; "Exceeded MaxWaiting" and
        // the rest ("Consumer Deleted", unknown ones) may pass
        boolean transientFailure = !(code == CONFLICT_CODE && text.startsWith(EXCEEDED_MAX_PREFIX)
                && !text.contains("MaxWaiting"));
        throw new BrokerException("fetch from " + what + ": the server ended the pull with status "
                + status.getMessageWithCode(), transientFailure);
    }

    private static void unsubscribe(Subscription inbox) {
        try {
            inbox.unsubscribe();
        } catch (IllegalStateException e) {
            // the connection closed meanwhile: the subscription is gone with it
            log.debug("unsubscribing a pull's inbox failed: {}", e.toString());
        }
    }
}
