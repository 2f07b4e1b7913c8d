package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes envelopes to JetStream and waits for the stream's acknowledgement, riding out a
 * failover: a publish that fails transiently is retried for up to {@link #RETRY_BOUND} when a
 * retry cannot store the message twice, that is when the stream answered "no responders"
 * (nothing was stored: its leader is being elected) or when the envelope has a message id (the
 * stream's de-duplication drops a second copy). A publish without a message id that timed out is
 * not retried: it may have been stored. Used by {@link JetStreamBroker#publish}.
 */
final class JetStreamPublisher {
    private static final Logger log = LoggerFactory.getLogger(JetStreamPublisher.class);
    /** How long a transient publish failure is retried; well inside JetStream's 2-minute duplicate window. */
    static final Duration RETRY_BOUND = Duration.ofSeconds(10);
    private static final long PAUSE_NANOS = Duration.ofMillis(200).toNanos();

    private final Connection connection;
    private final JetStream js;
    private final FailoverCheck failover;

    JetStreamPublisher(Connection connection, JetStream js, FailoverCheck failover) {
        this.connection = connection;
        this.js = js;
        this.failover = failover;
    }

    PublishResult publish(String subject, Envelope envelope) {
        Optional<String> messageId = envelope.header(Headers.MESSAGE_ID).filter(id -> !id.isBlank());
        PublishOptions.Builder options = PublishOptions.builder();
        messageId.map(NatsHeaders::encode).ifPresent(options::messageId);
        PublishOptions built = options.build();
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            BrokerException failure;
            boolean nothingStored = false;
            try {
                PublishAck ack = js.publish(subject, NatsHeaders.toNats(envelope.headers()), envelope.body(), built);
                if (attempt > 1) {
                    log.info("publish to {} succeeded on attempt {}, after {} ms", subject, attempt,
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
                return new PublishResult(ack.getStream(), ack.getSeqno(), ack.isDuplicate());
            } catch (IOException e) {
                if (isNoResponders(e)) {
                    if (failover.noStreamCaptures(subject)) {
                        throw new BrokerException("no stream captures subject " + subject, false, e);
                    }
                    nothingStored = true;
                }
                failure = NatsFailures.wrap("publish to " + subject, e);
            } catch (JetStreamApiException | IllegalStateException e) {
                failure = NatsFailures.wrap("publish to " + subject, e);
            }
            boolean retrySafe = nothingStored || messageId.isPresent();
            if (!failure.isTransient() || !retrySafe || System.nanoTime() - started > RETRY_BOUND.toNanos()) {
                throw failure;
            }
            if (attempt == 1) {
                log.warn("publish to {} failed transiently, retrying for up to {} s: {}", subject,
                        RETRY_BOUND.toSeconds(), failure.getMessage());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** A 503 while connected: no stream leader answered (none captures the subject, or one is being elected). */
    private boolean isNoResponders(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("503")
                && connection.getStatus() == Connection.Status.CONNECTED;
    }
}
