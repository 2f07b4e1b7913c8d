package dev.agentkit.nats.connect;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a connection's life through slf4j (logger {@code dev.agentkit.nats.connection}):
 * disconnects and server errors at WARN, connects, reconnects and closes at INFO, the rest at
 * DEBUG; a repeat of the same event at DEBUG. URLs are logged with their user info masked.
 * Installed by {@link NatsConnector}, one instance per connection; it keeps the last exception
 * for the message of a failed connect.
 */
final class ConnectionEventLogger implements ConnectionListener, ErrorListener {
    private static final Logger log = LoggerFactory.getLogger("dev.agentkit.nats.connection");

    @Override
    @SuppressWarnings("deprecation") // still abstract in jnats 2.26; the four-argument form is the one called
    public void connectionEvent(Connection conn, Events type) {
        connectionEvent(conn, type, null, null);
    }

    /** One instance per connection: jnats repeats DISCONNECTED while reconnect attempts fail. */
    private volatile Events last;
    private volatile Throwable lastException;

    /** The last exception jnats reported (unwrapped from its {@link ExecutionException}), e.g. why a connect failed. */
    Optional<Throwable> lastException() {
        return Optional.ofNullable(lastException);
    }

    @Override
    public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
        String server = Redaction.text(uriDetails != null ? uriDetails : conn.getConnectedUrl());
        boolean repeated = type == last;
        last = type;
        if (repeated) {
            log.debug("NATS connection event {} again ({})", type.getEvent(), server);
            return;
        }
        switch (type) {
            case DISCONNECTED -> {
                if (server == null) {
                    log.debug("NATS connection attempt ended before it was established");
                } else {
                    log.warn("NATS connection lost ({}); reconnecting", server);
                }
            }
            case LAME_DUCK -> log.warn("NATS server {} entered lame duck mode; expect a reconnect", server);
            case CONNECTED, RECONNECTED, CLOSED -> log.info("NATS connection {} ({})", type.getEvent(), server);
            default -> log.debug("NATS connection event {} ({})", type.getEvent(), server);
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        log.warn("NATS server reported an error: {}", Redaction.text(error));
    }

    /** While the connection is down, failed reconnect attempts are expected: DEBUG; otherwise WARN. */
    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        lastException = exp instanceof ExecutionException && exp.getCause() != null ? exp.getCause() : exp;
        if (conn != null && conn.getStatus() != Connection.Status.CONNECTED) {
            log.debug("NATS connection exception while {}: {}", conn.getStatus(), Redaction.text(String.valueOf(exp)));
        } else {
            log.warn("NATS connection exception: {}", Redaction.text(String.valueOf(exp)));
        }
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        log.warn("NATS slow consumer: messages are being dropped for a subscription of this client");
    }
}
