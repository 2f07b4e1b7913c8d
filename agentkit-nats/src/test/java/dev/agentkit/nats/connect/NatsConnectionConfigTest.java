package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsConnectionConfigTest {

    @Test
    void defaultsReconnectForeverToTheLocalServer() {
        NatsConnectionConfig c = NatsConnectionConfig.ofDefaults();
        assertThat(c.servers()).containsExactly("nats://127.0.0.1:4222");
        assertThat(c.maxReconnects()).isEqualTo(NatsConnectionConfig.RECONNECT_FOREVER);
        assertThat(c.reconnectWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.reconnectBufferBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(c.authKind()).isEqualTo(NatsConnectionConfig.AuthKind.NONE);
        assertThat(c.tls()).isFalse();
    }

    @Test
    void environmentGivesCommaSeparatedUrlsCredentialsAndReconnectSettings() {
        NatsConnectionConfig c = NatsConnectionConfig.fromEnvironment(Map.of(
                "NATS_URL", "nats://a:4222, nats://b:4222",
                "NATS_USER", "alice", "NATS_PASSWORD", "s3cret",
                "NATS_MAX_RECONNECTS", "10", "NATS_RECONNECT_WAIT", "500ms", "NATS_CONNECTION_NAME", "roy"));
        assertThat(c.servers()).containsExactly("nats://a:4222", "nats://b:4222");
        assertThat(c.authKind()).isEqualTo(NatsConnectionConfig.AuthKind.USER_PASSWORD);
        assertThat(c.user()).contains("alice");
        assertThat(c.maxReconnects()).isEqualTo(10);
        assertThat(c.reconnectWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.connectionName()).contains("roy");
    }

    @Test
    void environmentReadsCredsFileAndNkeySeedFile(@TempDir Path dir) throws Exception {
        Path creds = dir.resolve("agent.creds");
        assertThat(NatsConnectionConfig.fromEnvironment(Map.of("NATS_CREDS", creds.toString())).credsFile()).contains(creds);
        Path seed = Files.writeString(dir.resolve("user.nk"), "# seed\nSUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTAM\n");
        NatsConnectionConfig c = NatsConnectionConfig.fromEnvironment(Map.of("NATS_NKEY", seed.toString()));
        assertThat(c.authKind()).isEqualTo(NatsConnectionConfig.AuthKind.NKEY);
    }

    @Test
    void aSeedFileWithoutASeedIsRefusedByName(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("empty.nk"), "nothing here\n");
        assertThatThrownBy(() -> NatsConnectionConfig.fromEnvironment(Map.of("NATS_NKEY", seed.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NATS_NKEY").hasMessageContaining("empty.nk");
    }

    @Test
    void twoKindsOfCredentialsAreRefused() {
        assertThatThrownBy(() -> NatsConnectionConfig.builder().token("t0ken".toCharArray())
                .userPassword("alice", "pw".toCharArray()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user/password").hasMessageContaining("token").hasMessageNotContaining("t0ken");
    }

    @Test
    void toStringNeverShowsSecrets() {
        String text = NatsConnectionConfig.builder().servers("nats://bob:hunter2@host:4222")
                .userPassword("alice", "s3cret".toCharArray()).build().toString()
                + NatsConnectionConfig.builder().token("t0ken-xyz".toCharArray()).build()
                + NatsConnectionConfig.builder().nkeySeed("SUAIBDPBAUTWC".toCharArray()).build();
        assertThat(text).doesNotContain("s3cret", "hunter2", "t0ken-xyz", "SUAIBDPBAUTWC")
                .contains("***@host:4222", "alice", "TOKEN", "NKEY");
    }

    @Test
    void badSettingsAreRefusedAtOnceByName() {
        assertThatThrownBy(() -> NatsConnectionConfig.builder().servers("http://x")).hasMessageContaining("http://x");
        assertThatThrownBy(() -> NatsConnectionConfig.builder().maxReconnects(-2)).hasMessageContaining("maxReconnects");
        assertThatThrownBy(() -> NatsConnectionConfig.fromEnvironment(Map.of("NATS_RECONNECT_WAIT", "soon")))
                .hasMessageContaining("NATS_RECONNECT_WAIT");
    }

    @Test
    void optionsCarryServersReconnectAndCredentials() {
        Options o = NatsConnectionConfig.builder().servers("nats://a:4222", "tls://b:4443")
                .token("t".toCharArray()).reconnectBufferBytes(1024)
                .reconnectWait(Duration.ofMillis(250), Duration.ZERO).build().toOptionsBuilder().build();
        assertThat(o.getServers()).hasSize(2);
        assertThat(o.getMaxReconnect()).isEqualTo(-1);
        assertThat(o.getReconnectWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.getReconnectBufferSize()).isEqualTo(1024);
        assertThat(o.getTokenChars()).containsExactly('t');
        assertThat(o.isTLSRequired()).isTrue();
    }

    @Test
    void userInfoInUrlsIsMaskedInAnyText() {
        assertThat(Redaction.text("failed: [nats://u:p@h1:4222, nats://h2:4222]"))
                .isEqualTo("failed: [nats://***@h1:4222, nats://h2:4222]");
    }
}
