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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull request to a durable JetStream consumer, read to its end by the fetching thread: the
 * request goes to the consumer's {@code CONSUMER.MSG.NEXT} API subject with a fresh inbox as its
 * reply subject, and the messages and the status that ends the request (404 no messages, 408
 * expired, 409 leadership change, 503 no responders) arrive on that inbox's own subscription in
 * the server's order. The pull is over when {@code max} messages or an ending status were read;
 * nothing else decides it. Sent and read by {@link JetStreamPulls}, for {@link JetStreamBroker}'s fetches.
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
    /** The wait for a message the inbox already counts as queued (jnats reads a zero wait as no bound). */
    private static final Duration QUEUED = Duration.ofMillis(100);

    private JetStreamPull() {
    }

    /** The API subject that hands out the next messages of durable {@code durable} on {@code stream}. */
    static String nextSubject(String stream, String durable) {
        return NatsJetStreamConstants.DEFAULT_API_PREFIX
                + String.format(NatsJetStreamConstants.JSAPI_CONSUMER_MSG_NEXT, stream, durable);
    }

    /**
     * Sends a pull for up to {@code max} JetStream messages of the consumer behind
     * {@code nextSubject} ({@link #nextSubject}) and returns it, to be read with {@link #read}. A
     * zero {@code wait} asks for what is there now; a positive one, raised to
     * {@link #MIN_EXPIRES_MILLIS}, waits that long for the first message and ends once what is
     * there has been handed out.
     *
     * @param what names the consumer in failures
     */
    static Pending send(Connection connection, String nextSubject, int max, Duration wait, String what) {
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
        } catch (RuntimeException e) {
            unsubscribe(inbox);
            throw e;
        }
        return new Pending(inbox, max, answerNanos, what);
    }

    /**
     * A pull that was sent, and how far its answer was read: the messages and the status that
     * ends it arrive on its own inbox in the server's order. Over when {@code max} messages or an
     * ending status were read, or the server did not answer in time; then its inbox is gone.
     */
    static final class Pending {
        private final Subscription inbox;
        private final long answerNanos;
        private final String what;
        private final AgentClock real = AgentClock.system(); // the server's answer comes in real time
        private long deadline;
        private int left;
        private boolean over;

        private Pending(Subscription inbox, int max, long answerNanos, String what) {
            this.inbox = inbox;
            this.left = max;
            this.answerNanos = answerNanos;
            this.what = what;
            this.deadline = real.nanoTime() + answerNanos;
        }

        /** Whether its answer was read to the end. */
        boolean over() {
            return over;
        }

        private void end() {
            if (!over) {
                over = true;
                unsubscribe(inbox);
            }
        }
    }

    /**
     * Reads {@code pull}'s answer to its end and hands its messages to {@code arrived} in chunks
     * as they come: each chunk is the first message waited for and
     * whatever else is already queued on the inbox; {@code first} runs once, when the first
     * chunk arrived, before it is handed over. Stops waiting {@link #ANSWER_MARGIN} after the
     * pull's expiry (a second for a zero wait) when the server does not answer; the time spent in
     * {@code arrived} does not count, the rest of an answer then getting {@link #ANSWER_MARGIN}
     * more. Returns how many messages were handed over.
     *
     * @throws BrokerException when the server refuses or breaks off the pull (a 409 other than a
     *                         leadership change); transient unless repeating the same pull cannot
     *                         help; thrown after the messages before it were handed over
     */
    static int read(Pending pull, Consumer<List<Message>> arrived, Runnable first)
            throws InterruptedException {
        int handed = 0;
        try {
            while (!pull.over) {
                long wait = pull.deadline - pull.real.nanoTime();
                Message m = wait > 0 ? pull.inbox.nextMessage(Duration.ofNanos(wait)) : null;
                if (m == null) {
                    log.debug("pull from {} not answered within {} ms; ending it after {} messages", pull.what,
                            Duration.ofNanos(pull.answerNanos).toMillis(), handed);
                    pull.end();
                    break;
                }
                List<Message> chunk = new ArrayList<>();
                BrokerException refused = null;
                while (true) {
                    if (!m.isStatusMessage()) {
                        if (m.isJetStream()) {
                            chunk.add(m);
                            pull.left--;
                        }
                    } else {
                        try {
                            if (ends(m.getStatus(), pull.what)) {
                                pull.end();
                            }
                        } catch (BrokerException e) {
                            refused = e;
                            pull.end();
                        }
                    }
                    if (pull.left == 0) {
                        pull.end();
                    }
                    if (pull.over || pull.inbox.getPendingMessageCount() == 0) {
                        break;
                    }
                    m = pull.inbox.nextMessage(QUEUED); // queued already: returns at once
                    if (m == null) {
                        break;
                    }
                }
                if (!chunk.isEmpty()) {
                    if (handed == 0) {
                        first.run();
                    }
                    handed += chunk.size();
                    arrived.accept(chunk);
                    pull.deadline = Math.max(pull.deadline, pull.real.nanoTime() + ANSWER_MARGIN.toNanos());
                }
                if (refused != null) {
                    throw refused;
                }
            }
            return handed;
        } catch (RuntimeException | InterruptedException e) {
            pull.end();
            throw e;
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
