package dev.agentkit.nats.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Builds a {@link NatsConnectionConfig}: setters validate at once and {@link #build()} rejects
 * conflicting credentials (at most one of user/password, token, NKey seed and {@code .creds}
 * file). Secret arguments are copied; the caller may wipe its own arrays afterwards.
 */
public final class NatsConnectionConfigBuilder {
    final List<String> servers = new ArrayList<>();
    String user;
    char[] password;
    char[] token;
    char[] nkeySeed;
    Path credsFile;
    NatsConnectionConfig.TlsSettings tls = NatsConnectionConfig.TlsSettings.NONE;
    String connectionName;
    int maxReconnects = NatsConnectionConfig.RECONNECT_FOREVER;
    Duration reconnectWait = NatsConnectionConfig.DEFAULT_RECONNECT_WAIT;
    Duration reconnectJitter = NatsConnectionConfig.DEFAULT_RECONNECT_JITTER;
    long reconnectBufferBytes = NatsConnectionConfig.DEFAULT_RECONNECT_BUFFER_BYTES;
    Duration connectionTimeout = NatsConnectionConfig.DEFAULT_CONNECTION_TIMEOUT;
    boolean retryInitialConnect;

    NatsConnectionConfigBuilder() {
    }

    /** The servers to try, e.g. {@code nats://host:4222} or {@code tls://host:4222}; replaces earlier ones. */
    public NatsConnectionConfigBuilder servers(String... urls) {
        return servers(List.of(urls));
    }

    /** As {@link #servers(String...)}. */
    public NatsConnectionConfigBuilder servers(List<String> urls) {
        List<String> clean = new ArrayList<>();
        for (String url : urls) {
            String u = Objects.requireNonNull(url, "server url").strip();
            if (!u.matches("(nats|tls|ws|wss)://.+|[^:/]+(:\\d+)?")) {
                throw new IllegalArgumentException("not a NATS server URL: " + Redaction.url(u));
            }
            clean.add(u);
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        servers.clear();
        servers.addAll(clean);
        return this;
    }

    /** User and password authentication. */
    public NatsConnectionConfigBuilder userPassword(String user, char[] password) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        this.user = user;
        this.password = NatsConnectionConfig.copy(Objects.requireNonNull(password, "password"));
        return this;
    }

    /** Token authentication. */
    public NatsConnectionConfigBuilder token(char[] token) {
        this.token = NatsConnectionConfig.copy(requireNonEmpty(token, "token"));
        return this;
    }

    /** NKey authentication with a user seed ({@code SU...}). */
    public NatsConnectionConfigBuilder nkeySeed(char[] seed) {
        this.nkeySeed = NatsConnectionConfig.copy(requireNonEmpty(seed, "NKey seed"));
        return this;
    }

    /** JWT authentication with a {@code .creds} file (JWT and NKey seed), read at each connect. */
    public NatsConnectionConfigBuilder credsFile(Path file) {
        this.credsFile = Objects.requireNonNull(file, "credsFile");
        return this;
    }

    /** TLS with the JVM's default trust store, also on {@code nats://} URLs. */
    public NatsConnectionConfigBuilder tls() {
        tls = withTls(tls.context(), tls.truststore(), tls.truststorePassword(), tls.keystore(), tls.keystorePassword(), tls.first());
        return this;
    }

    /** TLS with this SSL context. */
    public NatsConnectionConfigBuilder sslContext(SSLContext context) {
        tls = withTls(Objects.requireNonNull(context, "context"), tls.truststore(), tls.truststorePassword(),
                tls.keystore(), tls.keystorePassword(), tls.first());
        return this;
    }

    /** TLS trusting the certificates of this JKS or PKCS12 store. */
    public NatsConnectionConfigBuilder truststore(Path store, char[] password) {
        tls = withTls(tls.context(), Objects.requireNonNull(store, "truststore"), NatsConnectionConfig.copy(password),
                tls.keystore(), tls.keystorePassword(), tls.first());
        return this;
    }

    /** TLS presenting the client certificate of this JKS or PKCS12 store (mutual TLS). */
    public NatsConnectionConfigBuilder keystore(Path store, char[] password) {
        tls = withTls(tls.context(), tls.truststore(), tls.truststorePassword(), Objects.requireNonNull(store, "keystore"),
                NatsConnectionConfig.copy(password), tls.first());
        return this;
    }

    /** TLS handshake first, for servers configured with {@code handshake_first}. */
    public NatsConnectionConfigBuilder tlsFirst() {
        tls = withTls(tls.context(), tls.truststore(), tls.truststorePassword(), tls.keystore(), tls.keystorePassword(), true);
        return this;
    }

    /** The client name shown in server monitoring. */
    public NatsConnectionConfigBuilder connectionName(String name) {
        this.connectionName = name;
        return this;
    }

    /** Reconnect attempts before the connection closes; {@link NatsConnectionConfig#RECONNECT_FOREVER} (the default) or 0 and up. */
    public NatsConnectionConfigBuilder maxReconnects(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("maxReconnects must be -1 (forever) or more, was " + n);
        }
        this.maxReconnects = n;
        return this;
    }

    /** The pause between reconnect attempts to the same server, plus up to {@code jitter} at random. */
    public NatsConnectionConfigBuilder reconnectWait(Duration wait, Duration jitter) {
        this.reconnectWait = requireNotNegative("reconnectWait", wait);
        this.reconnectJitter = requireNotNegative("reconnectJitter", jitter);
        return this;
    }

    /** Bytes of outgoing messages buffered while reconnecting (publishes beyond fail); 0 disables the buffer. */
    public NatsConnectionConfigBuilder reconnectBufferBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("reconnectBufferBytes must not be negative, was " + bytes);
        }
        this.reconnectBufferBytes = bytes;
        return this;
    }

    /** How long one connection attempt may take. */
    public NatsConnectionConfigBuilder connectionTimeout(Duration timeout) {
        requireNotNegative("connectionTimeout", timeout);
        if (timeout.isZero()) {
            throw new IllegalArgumentException("connectionTimeout must be positive");
        }
        this.connectionTimeout = timeout;
        return this;
    }

    /** Whether the first connect retries like a reconnect instead of failing when no server is up. */
    public NatsConnectionConfigBuilder retryInitialConnect(boolean retry) {
        this.retryInitialConnect = retry;
        return this;
    }

    /** The config; throws {@link IllegalArgumentException} when more than one kind of credentials is set. */
    public NatsConnectionConfig build() {
        List<String> kinds = new ArrayList<>();
        if (user != null) {
            kinds.add("user/password");
        }
        if (token != null) {
            kinds.add("token");
        }
        if (nkeySeed != null) {
            kinds.add("NKey seed");
        }
        if (credsFile != null) {
            kinds.add(".creds file");
        }
        if (kinds.size() > 1) {
            throw new IllegalArgumentException("choose one kind of NATS credentials, not " + String.join(" and ", kinds));
        }
        return new NatsConnectionConfig(this);
    }

    private static NatsConnectionConfig.TlsSettings withTls(SSLContext ctx, Path ts, char[] tsPw, Path ks, char[] ksPw,
                                                            boolean first) {
        return new NatsConnectionConfig.TlsSettings(true, ctx, ts, tsPw, ks, ksPw, first);
    }

    private static char[] requireNonEmpty(char[] secret, String what) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return secret;
    }

    private static Duration requireNotNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, was " + d);
        }
        return d;
    }
}
