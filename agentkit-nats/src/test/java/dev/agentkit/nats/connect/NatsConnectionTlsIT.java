package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against real servers whose certificates come from a throwaway CA made by the test: a server
 * that requires TLS, one that also requires a client certificate ({@code verify}), and one that
 * expects the TLS handshake before anything else ({@code handshake_first}).
 */
class NatsConnectionTlsIT {
    private static final String STORE_PASSWORD = "st0re-pw-7781";
    private static final Duration SHORT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    private static Path truststore;
    private static Path keystore;
    private static NatsServerFixture tls;
    private static NatsServerFixture mutual;
    private static NatsServerFixture tlsFirst;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates ca = TestCertificates.newAuthority("agentkit test CA");
        TestCertificates.Issued server = ca.issueServer("nats-server");
        Path caPem = ca.writeCertificatePem(dir.resolve("ca.pem"));
        String files = "cert_file: \"" + server.writeCertificatePem(dir.resolve("server.pem")) + "\","
                + " key_file: \"" + server.writeKeyPem(dir.resolve("server-key.pem")) + "\","
                + " ca_file: \"" + caPem + "\", timeout: 2";
        truststore = ca.writeTruststore(dir.resolve("truststore.p12"), STORE_PASSWORD.toCharArray());
        keystore = ca.writeKeystore(dir.resolve("keystore.p12"), STORE_PASSWORD.toCharArray(), ca.issueClient("agent-roy"));
        tls = NatsServerFixture.startWith("tls { " + files + " }");
        mutual = NatsServerFixture.startWith("tls { " + files + ", verify: true }");
        tlsFirst = NatsServerFixture.startWith("tls { " + files + ", handshake_first: true }");
    }

    @AfterAll
    static void stop() {
        for (NatsServerFixture f : new NatsServerFixture[] {tls, mutual, tlsFirst}) {
            if (f != null) {
                f.close();
            }
        }
    }

    @Test
    void aTruststoreConnectsOverTlsToAServerThatRequiresIt() throws Exception {
        NatsConnectionConfig config = trusting(tls).build();
        assertThat(config.tls()).isTrue();
        try (Connection nc = config.connect()) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
        }
        assertConnects(NatsConnectionConfig.builder().servers("tls://localhost:" + tls.port())
                .truststore(truststore, STORE_PASSWORD.toCharArray()).build());
    }

    @Test
    void aPlainConnectionToATlsServerFailsSayingTheServerWantsTls() {
        NatsConnectionConfig plain = NatsConnectionConfig.builder().servers(tls.url()).maxReconnects(0).connectionTimeout(SHORT).build();
        assertThatThrownBy(plain::connect).isInstanceOf(BrokerException.class).hasMessageContaining("SSL required by server");
    }

    @Test
    void aServerCertificateFromAnotherAuthorityIsAPermanentFailureNamingTheTruststore() throws Exception {
        Path strangers = TestCertificates.newAuthority("another CA")
                .writeTruststore(dir.resolve("strangers.p12"), STORE_PASSWORD.toCharArray());
        NatsConnectionConfig untrusting = NatsConnectionConfig.builder().servers(tls.url())
                .truststore(strangers, STORE_PASSWORD.toCharArray()).maxReconnects(0).connectionTimeout(SHORT).build();
        assertThatThrownBy(untrusting::connect).isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("trusting " + strangers).hasMessageContaining("SSLHandshakeException")
                .hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void mutualTlsConnectsWithTheKeystore() throws Exception {
        assertConnects(trusting(mutual)
                .keystore(keystore, STORE_PASSWORD.toCharArray()).build());
    }

    @Test
    void mutualTlsWithoutAClientCertificateIsRefusedNamingTheProblemWithoutThePassword() {
        NatsConnectionConfig noCertificate = trusting(mutual).maxReconnects(0).connectionTimeout(SHORT).build();
        assertThatThrownBy(noCertificate::connect).isInstanceOf(BrokerException.class)
                .hasMessageContaining("no client certificate").hasMessageContaining("last error")
                .hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void aWrongKeystorePasswordIsAPermanentFailureNamingTheStoreWithoutThePassword() {
        NatsConnectionConfig wrong = trusting(mutual)
                .keystore(keystore, "not-the-pw-55".toCharArray()).build();
        assertThatThrownBy(wrong::connect).isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("keystore " + keystore).hasMessageContaining("password")
                .hasMessageNotContaining("not-the-pw-55").hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void aHandshakeFirstServerTakesTheTlsFirstOptionFromCodeOrEnvironment() throws Exception {
        assertConnects(trusting(tlsFirst).tlsFirst().build());
        assertConnects(NatsConnectionConfig.fromEnvironment(Map.of("NATS_URL", tlsFirst.url(),
                "NATS_TLS_TRUSTSTORE", truststore.toString(), "NATS_TLS_TRUSTSTORE_PASSWORD", STORE_PASSWORD,
                "NATS_TLS_FIRST", "true")));
    }

    @Test
    void aHandshakeFirstServerDoesNotAnswerAClientWaitingForItsGreeting() {
        NatsConnectionConfig notFirst = trusting(tlsFirst).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(notFirst::connect).isInstanceOf(BrokerException.class).hasMessageContaining("Timeout");
    }

    /** A config for {@code server} trusting the test CA. */
    private static NatsConnectionConfigBuilder trusting(NatsServerFixture server) {
        return NatsConnectionConfig.builder().servers(server.url()).truststore(truststore, STORE_PASSWORD.toCharArray());
    }

    private static void assertConnects(NatsConnectionConfig config) throws Exception {
        try (Connection nc = config.connect()) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }
}
