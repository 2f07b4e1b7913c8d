package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import io.nats.client.NKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credentials and failures against real servers that require authentication. */
class NatsConnectionIT {
    private static final NKey NKEY = newUserKey();
    private static NatsServerFixture users;
    private static NatsServerFixture token;

    @BeforeAll
    static void start() throws Exception {
        users = NatsServerFixture.startWith("authorization { users: [ { user: alice, password: s3cret },"
                + " { nkey: " + new String(NKEY.getPublicKey()) + " } ] }");
        token = NatsServerFixture.startWith("authorization { token: \"t0ken-42\" }");
    }

    @AfterAll
    static void stop() {
        if (users != null) {
            users.close();
        }
        if (token != null) {
            token.close();
        }
    }

    @Test
    void userPasswordTokenAndNkeyConnect() throws Exception {
        assertConnects(NatsConnectionConfig.builder().servers(users.url()).userPassword("alice", "s3cret".toCharArray()).build());
        assertConnects(NatsConnectionConfig.builder().servers(users.url()).nkeySeed(NKEY.getSeed()).build());
        assertConnects(NatsConnectionConfig.builder().servers(token.url()).token("t0ken-42".toCharArray()).build());
    }

    @Test
    void refusedCredentialsAreAPermanentFailureThatShowsNoSecret() {
        NatsConnectionConfig wrong = NatsConnectionConfig.builder().servers(users.url())
                .userPassword("alice", "wrong-pw-123".toCharArray()).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(1)).build(); // jnats reports the refusal only at the timeout
        assertThatThrownBy(wrong::connect).isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("USER_PASSWORD").hasMessageNotContaining("wrong-pw-123");
    }

    @Test
    void anUnreachableServerIsATransientFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        NatsConnectionConfig nowhere = NatsConnectionConfig.builder().servers("nats://127.0.0.1:" + closedPort)
                .connectionTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(nowhere::connect).isInstanceOfSatisfying(BrokerException.class,
                e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void aBrokerOverTheCallersConnectionLeavesItOpen() throws Exception {
        try (Connection nc = NatsConnectionConfig.builder().servers(token.url()).token("t0ken-42".toCharArray()).build().connect()) {
            new JetStreamBroker(nc).close();
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    private static void assertConnects(NatsConnectionConfig config) throws Exception {
        try (Connection nc = config.connect()) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    private static NKey newUserKey() {
        try {
            return NKey.createUser(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
