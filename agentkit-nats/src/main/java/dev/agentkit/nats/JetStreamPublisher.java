package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes envelopes to JetStream and waits for the stream's acknowledgement, riding out a
 * failover: a publish that fails transiently is retried for up to {@link #RETRY_BOUND} when a
 * retry cannot store the message twice, that is when the stream answered "no responders"
 * (nothing was stored: its leader is being elected) or when the envelope has a message id (the
 * stream's de-duplication drops a second copy). A publish without a message id that timed out is
 * not retried: it may have been stored. The retries follow a {@link RetryPolicy} on the system
 * clock (the server's time is real). Used by {@link JetStreamBroker#publish}.
 */
final class JetStreamPublisher {
    private static final Logger log = LoggerFactory.getLogger(JetStreamPublisher.class);
    /** How long a transient publish failure is retried; well inside JetStream's 2-minute duplicate window. */
    static final Duration RETRY_BOUND = Duration.ofSeconds(10);
    private static final RetryPolicy POLICY = RetryPolicy.of(RETRY_BOUND, Duration.ofMillis(200)).loggingTo(log);

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
        // whether the last attempt's failure stored nothing: retried even without a message id
        AtomicBoolean nothingStored = new AtomicBoolean();
        RetryPolicy policy = POLICY.retryIf(e -> RetryPolicy.isTransientBrokerFailure(e)
                && (messageId.isPresent() || nothingStored.get()));
        return policy.run(AgentClock.system(), "publish to " + subject, () -> {
            nothingStored.set(false);
            try {
                PublishAck ack = js.publish(subject, NatsHeaders.toNats(envelope.headers()), envelope.body(), built);
                return new PublishResult(ack.getStream(), ack.getSeqno(), ack.isDuplicate());
            } catch (IOException e) {
                if (isNoResponders(e)) {
                    if (failover.noStreamCaptures(subject)) {
                        throw new BrokerException("no stream captures subject " + subject, false, e);
                    }
                    nothingStored.set(true);
                }
                throw NatsFailures.wrap("publish to " + subject, e);
            } catch (JetStreamApiException | IllegalStateException e) {
                throw NatsFailures.wrap("publish to " + subject, e);
            }
        });
    }

    /** A 503 while connected: no stream leader answered (none captures the subject, or one is being elected). */
    private boolean isNoResponders(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("503")
                && connection.getStatus() == Connection.Status.CONNECTED;
    }
}
