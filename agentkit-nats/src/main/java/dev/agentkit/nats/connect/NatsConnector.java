package dev.agentkit.nats.connect;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link NatsConnectionConfig} into jnats {@link Options} and opens the connection,
 * mapping jnats' checked exceptions to {@link BrokerException}s whose messages carry no secret.
 * A failed connect names the servers, the TLS set-up and the last error jnats reported (jnats'
 * own exception only says that no server could be reached); a server certificate the client
 * rejects is permanent, other connection failures are transient.
 */
final class NatsConnector {
    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private NatsConnector() {
    }

    static Options.Builder options(NatsConnectionConfig c) {
        return options(c, new ConnectionEventLogger());
    }

    private static Options.Builder options(NatsConnectionConfig c, ConnectionEventLogger events) {
        Options.Builder b = new Options.Builder()
                .servers(c.servers.toArray(String[]::new))
                .maxReconnects(c.maxReconnects)
                .reconnectWait(c.reconnectWait)
                .reconnectJitter(c.reconnectJitter)
                .reconnectBufferSize(c.reconnectBufferBytes)
                .connectionTimeout(c.connectionTimeout)
                .connectionListener(events)
                .errorListener(events)
                // jnats writes each request (a KV put, a processed mark) out on its own by default,
                // a socket write per mark; its writer sends every batch it takes at once anyway
                .dontForceFlushOnRequest();
        if (c.connectionName != null) {
            b.connectionName(c.connectionName);
        }
        switch (c.authKind()) {
            case USER_PASSWORD -> b.userInfo(c.user.toCharArray(), c.password);
            case TOKEN -> b.token(c.token);
            case NKEY -> b.authHandler(Nats.staticCredentials(null, c.nkeySeed));
            case CREDS_FILE -> b.authHandler(Nats.credentials(c.credsFile.toString()));
            default -> { }
        }
        TlsOptions.apply(c.tls, b);
        return b;
    }

    static Connection connect(NatsConnectionConfig c) {
        if (c.credsFile != null && !Files.isReadable(c.credsFile)) {
            throw new BrokerException("NATS .creds file " + c.credsFile + " is missing or not readable", false);
        }
        TlsOptions.checkStores(c.tls);
        ConnectionEventLogger events = new ConnectionEventLogger();
        Options options;
        try {
            options = options(c, events).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BrokerException("invalid NATS connection settings " + c + ": " + Redaction.text(e.getMessage()), false);
        }
        try {
            Connection nc = c.retryInitialConnect ? Nats.connectReconnectOnConnect(options) : Nats.connect(options);
            log.debug("connected with {}", c);
            return nc;
        } catch (AuthenticationException e) {
            throw new BrokerException("NATS refused the " + c.authKind() + " credentials at "
                    + c.servers.stream().map(Redaction::url).toList() + ": " + Redaction.text(e.getMessage()), false);
        } catch (IOException e) {
            Optional<Throwable> last = events.lastException();
            throw new BrokerException("cannot connect to NATS at " + c.servers.stream().map(Redaction::url).toList()
                    + TlsOptions.describe(c.tls, c.tls()) + ": " + Redaction.text(e.getMessage())
                    + last.map(x -> "; last error: " + Redaction.text(x.toString())).orElse(""),
                    last.filter(NatsConnector::isCertificateProblem).isEmpty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while connecting to NATS", true);
        }
    }

    /** A certificate the client rejected (an untrusted or expired server certificate): retrying does not help. */
    private static boolean isCertificateProblem(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
