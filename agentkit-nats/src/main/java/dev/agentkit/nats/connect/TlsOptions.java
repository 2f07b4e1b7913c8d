package dev.agentkit.nats.connect;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS part of a connection for {@link NatsConnector}: puts {@link NatsConnectionConfig.TlsSettings}
 * into jnats {@link Options}, checks that the key and trust stores can be read, and describes the
 * TLS set-up (never with a password) for connection failure messages.
 */
final class TlsOptions {
    private TlsOptions() {
    }

    static void apply(NatsConnectionConfig.TlsSettings tls, Options.Builder b) {
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

    /**
     * Reads the stores jnats is about to read, so that a missing file or a wrong password is a
     * permanent {@link BrokerException} naming the store (jnats only says it cannot create an SSL context).
     */
    static void checkStores(NatsConnectionConfig.TlsSettings tls) {
        if (!tls.enabled() || tls.context() != null) {
            return;
        }
        checkStore("truststore", tls.truststore(), tls.truststorePassword());
        checkStore("keystore", tls.keystore(), tls.keystorePassword());
    }

    /** E.g. {@code over TLS (trusting /etc/ca.p12, no client certificate)}; empty without TLS. */
    static String describe(NatsConnectionConfig.TlsSettings tls, boolean tlsUrl) {
        if (!tls.enabled() && !tlsUrl) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (tls.context() != null) {
            parts.add("with the given SSL context");
        } else {
            parts.add(tls.truststore() != null ? "trusting " + tls.truststore() : "with the JVM's default trust");
            parts.add(tls.keystore() != null ? "client certificate from " + tls.keystore() : "no client certificate");
        }
        if (tls.first()) {
            parts.add("TLS handshake first");
        }
        return " over TLS (" + String.join(", ", parts) + ")";
    }

    private static void checkStore(String what, Path store, char[] password) {
        if (store == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore.getInstance("JKS").load(in, password); // like jnats: the JKS type reads PKCS12 too
        } catch (NoSuchFileException e) {
            throw new BrokerException("the TLS " + what + " " + store + " does not exist", false);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerException("cannot read the TLS " + what + " " + store + ": " + e.getMessage(), false, e);
        }
    }
}
