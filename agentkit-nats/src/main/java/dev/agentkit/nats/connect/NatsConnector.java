package dev.agentkit.nats.connect;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link NatsConnectionConfig} into jnats {@link Options} and opens the connection,
 * mapping jnats' checked exceptions to {@link BrokerException}s whose messages carry no secret.
 */
final class NatsConnector {
    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private NatsConnector() {
    }

    static Options.Builder options(NatsConnectionConfig c) {
        ConnectionEventLogger events = new ConnectionEventLogger();
        Options.Builder b = new Options.Builder()
                .servers(c.servers.toArray(String[]::new))
                .maxReconnects(c.maxReconnects)
                .reconnectWait(c.reconnectWait)
                .reconnectJitter(c.reconnectJitter)
                .reconnectBufferSize(c.reconnectBufferBytes)
                .connectionTimeout(c.connectionTimeout)
                .connectionListener(events)
                .errorListener(events);
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
        applyTls(c.tls, b);
        return b;
    }

    private static void applyTls(NatsConnectionConfig.TlsSettings tls, Options.Builder b) {
        if (!tls.enabled()) {
            return;
        }
        if (tls.context() != null) {
            b.sslContext(tls.context());
        } else if (tls.truststore() != null || tls.keystore() != null) {
            if (tls.truststore() != null) {
                b.truststorePath(tls.truststore().toString());
                if (tls.truststorePassword() != null) {
                    b.truststorePassword(tls.truststorePassword());
                }
            }
            if (tls.keystore() != null) {
                b.keystorePath(tls.keystore().toString());
                if (tls.keystorePassword() != null) {
                    b.keystorePassword(tls.keystorePassword());
                }
            }
        } else {
            try {
                b.secure();
            } catch (NoSuchAlgorithmException e) {
                throw new BrokerException("this JVM has no default TLS context: " + e.getMessage(), false, e);
            }
        }
        if (tls.first()) {
            b.tlsFirst();
        }
    }

    static Connection connect(NatsConnectionConfig c) {
        if (c.credsFile != null && !Files.isReadable(c.credsFile)) {
            throw new BrokerException("NATS .creds file " + c.credsFile + " is missing or not readable", false);
        }
        Options options;
        try {
            options = options(c).build();
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
            throw new BrokerException("cannot connect to NATS at " + c.servers.stream().map(Redaction::url).toList()
                    + ": " + Redaction.text(e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while connecting to NATS", true);
        }
    }
}
