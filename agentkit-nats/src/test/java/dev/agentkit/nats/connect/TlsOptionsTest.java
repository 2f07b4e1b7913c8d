package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.Options;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {
    @TempDir
    Path dir;

    @Test
    void storesThatCannotBeReadArePermanentFailuresNamingTheStoreButNotThePassword() throws Exception {
        Path truststore = TestCertificates.newAuthority("CA").writeTruststore(dir.resolve("t.p12"), "right-pw".toCharArray());
        NatsConnectionConfig wrongPassword = NatsConnectionConfig.builder().truststore(truststore, "wr0ng-pw".toCharArray()).build();
        assertThatThrownBy(() -> TlsOptions.checkStores(wrongPassword.tls))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("truststore " + truststore).hasMessageNotContaining("wr0ng-pw");
        NatsConnectionConfig missing = NatsConnectionConfig.builder().keystore(dir.resolve("none.p12"), "pw".toCharArray()).build();
        assertThatThrownBy(() -> TlsOptions.checkStores(missing.tls))
                .isInstanceOf(BrokerException.class).hasMessageContaining("keystore " + dir.resolve("none.p12") + " does not exist");
        TlsOptions.checkStores(NatsConnectionConfig.builder().truststore(truststore, "right-pw".toCharArray()).build().tls);
    }

    @Test
    void theDescriptionNamesTrustClientCertificateAndHandshakeOrder() {
        NatsConnectionConfig mutual = NatsConnectionConfig.builder().truststore(Path.of("/etc/ca.p12"), "pw".toCharArray())
                .keystore(Path.of("/etc/me.p12"), "pw".toCharArray()).tlsFirst().build();
        assertThat(TlsOptions.describe(mutual.tls, true))
                .isEqualTo(" over TLS (trusting /etc/ca.p12, client certificate from /etc/me.p12, TLS handshake first)");
        NatsConnectionConfig url = NatsConnectionConfig.builder().servers("tls://h:4222").build();
        assertThat(TlsOptions.describe(url.tls, url.tls()))
                .isEqualTo(" over TLS (with the JVM's default trust, no client certificate)");
        assertThat(TlsOptions.describe(NatsConnectionConfig.ofDefaults().tls, false)).isEmpty();
    }

    @Test
    void tlsFirstAndStoresReachTheJnatsOptions() throws Exception {
        Path truststore = TestCertificates.newAuthority("CA").writeTruststore(dir.resolve("t.p12"), "pw".toCharArray());
        Options o = NatsConnectionConfig.builder().truststore(truststore, "pw".toCharArray()).tlsFirst().build()
                .toOptionsBuilder().build();
        assertThat(o.isTlsFirst()).isTrue();
        assertThat(o.getSslContext()).isNotNull();
    }
}
