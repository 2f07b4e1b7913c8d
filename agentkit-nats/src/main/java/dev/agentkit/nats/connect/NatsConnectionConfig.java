package dev.agentkit.nats.connect;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.Connection;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach a NATS server: URLs, credentials, TLS and reconnect behaviour. Immutable; built
 * with {@link #builder()} or read from environment variables with {@link #fromEnvironment()}.
 * Secrets are kept as {@code char[]} copies and never appear in {@link #toString()} or logs.
 *
 * <pre>{@code
 * NatsConnectionConfig config = NatsConnectionConfig.builder()
 *         .servers("nats://nats-1:4222", "nats://nats-2:4222")
 *         .credsFile(Path.of("/etc/agentkit/agent.creds"))
 *         .build();
 * try (JetStreamBroker broker = JetStreamBroker.connect(config)) { ... }
 * }</pre>
 *
 * Used by {@code JetStreamBroker.connect} and by anyone who needs a jnats {@link Connection} for
 * the KV stores. Defaults: {@value #DEFAULT_URL}, reconnect for ever every 2 s with jitter, an
 * 8 MiB reconnect buffer, a 5 s connection timeout.
 */
public final class NatsConnectionConfig {
    /** The server used when none is given. */
    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";
    /** {@link NatsConnectionConfigBuilder#maxReconnects} value that never gives up. */
    public static final int RECONNECT_FOREVER = -1;
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONNECT_JITTER = Duration.ofMillis(500);
    public static final long DEFAULT_RECONNECT_BUFFER_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** Which kind of credentials the config carries. */
    public enum AuthKind { NONE, USER_PASSWORD, TOKEN, NKEY, CREDS_FILE }

    final List<String> servers;
    final String user;
    final char[] password;
    final char[] token;
    final char[] nkeySeed;
    final Path credsFile;
    final TlsSettings tls;
    final String connectionName;
    final int maxReconnects;
    final Duration reconnectWait;
    final Duration reconnectJitter;
    final long reconnectBufferBytes;
    final Duration connectionTimeout;
    final boolean retryInitialConnect;

    NatsConnectionConfig(NatsConnectionConfigBuilder b) {
        this.servers = List.copyOf(b.servers.isEmpty() ? List.of(DEFAULT_URL) : b.servers);
        this.user = b.user;
        this.password = copy(b.password);
        this.token = copy(b.token);
        this.nkeySeed = copy(b.nkeySeed);
        this.credsFile = b.credsFile;
        this.tls = b.tls;
        this.connectionName = b.connectionName;
        this.maxReconnects = b.maxReconnects;
        this.reconnectWait = b.reconnectWait;
        this.reconnectJitter = b.reconnectJitter;
        this.reconnectBufferBytes = b.reconnectBufferBytes;
        this.connectionTimeout = b.connectionTimeout;
        this.retryInitialConnect = b.retryInitialConnect;
    }

    /** A builder with the defaults. */
    public static NatsConnectionConfigBuilder builder() {
        return new NatsConnectionConfigBuilder();
    }

    /** {@value #DEFAULT_URL} without credentials. */
    public static NatsConnectionConfig ofDefaults() {
        return builder().build();
    }

    /**
     * Reads the process environment: {@code NATS_URL} (comma-separated), {@code NATS_USER} +
     * {@code NATS_PASSWORD}, {@code NATS_TOKEN}, {@code NATS_NKEY} (a file holding an NKey user
     * seed), {@code NATS_CREDS} (a {@code .creds} file), {@code NATS_TLS_TRUSTSTORE} /
     * {@code NATS_TLS_KEYSTORE} (+ {@code _PASSWORD}), {@code NATS_TLS_FIRST},
     * {@code NATS_CONNECTION_NAME}, {@code NATS_MAX_RECONNECTS}, {@code NATS_RECONNECT_WAIT}
     * (e.g. {@code 2s}, {@code 500ms}, {@code PT2S}). Unset variables keep the defaults.
     */
    public static NatsConnectionConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, reading {@code env} instead of the process environment. */
    public static NatsConnectionConfig fromEnvironment(Map<String, String> env) {
        return EnvironmentSettings.apply(env, builder()).build();
    }

    /**
     * Opens a connection, logging its events (connect, disconnect, reconnect, close, errors)
     * through slf4j.
     *
     * @throws BrokerException when no server accepts it: transient for an unreachable server,
     *                         not transient for refused credentials or an unreadable key file
     */
    public Connection connect() {
        return NatsConnector.connect(this);
    }

    /** The jnats options this config stands for, to adjust further before {@code Nats.connect}. */
    public Options.Builder toOptionsBuilder() {
        return NatsConnector.options(this);
    }

    /** The server URLs, in order. */
    public List<String> servers() {
        return servers;
    }

    /** Which credentials are set. */
    public AuthKind authKind() {
        if (credsFile != null) {
            return AuthKind.CREDS_FILE;
        }
        if (nkeySeed != null) {
            return AuthKind.NKEY;
        }
        if (token != null) {
            return AuthKind.TOKEN;
        }
        return user != null ? AuthKind.USER_PASSWORD : AuthKind.NONE;
    }

    /** The user name, for user/password authentication. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The {@code .creds} file, if one is used. */
    public Optional<Path> credsFile() {
        return Optional.ofNullable(credsFile);
    }

    /** Whether the connection uses TLS (also implied by a {@code tls://} URL). */
    public boolean tls() {
        return tls.enabled() || servers.stream().anyMatch(s -> s.startsWith("tls://"));
    }

    /** Reconnect attempts before giving up; {@link #RECONNECT_FOREVER} never gives up. */
    public int maxReconnects() {
        return maxReconnects;
    }

    /** The pause between reconnect attempts to one server. */
    public Duration reconnectWait() {
        return reconnectWait;
    }

    /** Bytes of outgoing messages kept while reconnecting. */
    public long reconnectBufferBytes() {
        return reconnectBufferBytes;
    }

    /** How long one connection attempt may take. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The client name shown in the server's monitoring. */
    public Optional<String> connectionName() {
        return Optional.ofNullable(connectionName);
    }

    /** Whether the first connect retries like a reconnect instead of failing at once. */
    public boolean retryInitialConnect() {
        return retryInitialConnect;
    }

    /** A description without secrets: user info in URLs is masked, credentials are named by kind only. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NatsConnectionConfig[servers=")
                .append(servers.stream().map(Redaction::url).toList())
                .append(", auth=").append(authKind());
        user().ifPresent(u -> sb.append(" (user ").append(u).append(')'));
        credsFile().ifPresent(f -> sb.append(" (").append(f).append(')'));
        sb.append(", tls=").append(tls() ? (tls.first() ? "first" : "on") : "off")
                .append(", maxReconnects=").append(maxReconnects == RECONNECT_FOREVER ? "forever" : maxReconnects)
                .append(", reconnectWait=").append(reconnectWait)
                .append(", reconnectBuffer=").append(reconnectBufferBytes)
                .append(", connectionTimeout=").append(connectionTimeout);
        connectionName().ifPresent(n -> sb.append(", name=").append(n));
        return sb.append(']').toString();
    }

    static char[] copy(char[] secret) {
        return secret == null ? null : secret.clone();
    }

    /**
     * TLS settings beyond a {@code tls://} URL.
     *
     * @param enabled            use TLS with the JVM's default trust even on {@code nats://} URLs
     * @param context            a ready SSL context, or null
     * @param truststore         a JKS/PKCS12 trust store, or null
     * @param truststorePassword its password, or null
     * @param keystore           a JKS/PKCS12 key store with the client certificate, or null
     * @param keystorePassword   its password, or null
     * @param first              TLS handshake before the NATS INFO (server {@code handshake_first})
     */
    record TlsSettings(boolean enabled, SSLContext context, Path truststore, char[] truststorePassword,
                       Path keystore, char[] keystorePassword, boolean first) {
        static final TlsSettings NONE = new TlsSettings(false, null, null, null, null, null, false);

        @Override
        public String toString() {
            return "TlsSettings[enabled=" + enabled + ", first=" + first + "]";
        }
    }
}
