package dev.agentkit.matrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour against a scripted loopback peer: rate-limit retries, error
 * mapping, token redaction, re-login, timeouts and request shapes.
 */
class MatrixClientHttpIT {
    private static final String TOKEN = "syt_cm95_SECRETSECRETSECRET_0abcde";
    private static final String LIMITED = "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too Many Requests\"";

    private final ScriptedHomeserver hs = start();
    private final RecordingClock clock = new RecordingClock();

    private static ScriptedHomeserver start() {
        try {
            return new ScriptedHomeserver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        hs.close();
    }

    private MatrixClientConfig.Builder config() {
        return MatrixClientConfig.builder(hs.uri()).clock(clock).requestTimeout(Duration.ofSeconds(5));
    }

    private MatrixClient client() {
        return MatrixClient.withAccessToken(config().build(), Secret.of(TOKEN));
    }

    @Test
    void aRateLimitedCallIsRetriedAfterRetryAfterMs() {
        hs.reply(429, LIMITED + ",\"retry_after_ms\":250}").reply(200, "{\"event_id\":\"$e1\"}");

        String id = client().sendText("!room:hs", "hi", "txn1");

        assertThat(id).isEqualTo("$e1");
        assertThat(clock.waits).containsExactly(Duration.ofMillis(250));
        assertThat(hs.requests()).hasSize(2).extracting(ScriptedHomeserver.Recorded::rawPath)
                .containsOnly("/_matrix/client/v3/rooms/%21room%3Ahs/send/m.room.message/txn1");
    }

    @Test
    void theRetryAfterHeaderIsHonouredAndTheLongerOfBothWins() {
        hs.reply(429, LIMITED + "}", Map.of("Retry-After", "2"))
                .reply(429, LIMITED + ",\"retry_after_ms\":500}", Map.of("Retry-After", "1"))
                .reply(429, LIMITED + ",\"retry_after_ms\":3500}", Map.of("Retry-After", "1"))
                .reply(200, "{\"user_id\":\"@roy:hs\"}");

        client().whoami();

        assertThat(clock.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(3500));
    }

    @Test
    void anHttpDateRetryAfterCountsFromTheClock() {
        hs.reply(429, LIMITED + "}", Map.of("Retry-After", "Tue, 01 Jan 2030 00:00:07 GMT"))
                .reply(200, "{\"user_id\":\"@roy:hs\"}");

        client().whoami();

        assertThat(clock.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void withoutAnyHintTheDefaultWaitDoublesPerRetry() {
        hs.reply(429, LIMITED + "}").reply(429, LIMITED + "}").reply(200, "{\"user_id\":\"@roy:hs\"}");

        MatrixClient.withAccessToken(config().defaultRetryWait(Duration.ofMillis(100)).build(), Secret.of(TOKEN))
                .whoami();

        assertThat(clock.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesAreBoundedAndThenTheRateLimitIsTheError() {
        for (int i = 0; i < 4; i++) {
            hs.reply(429, LIMITED + ",\"retry_after_ms\":10}");
        }
        MatrixClient c = MatrixClient.withAccessToken(config().maxRateLimitRetries(2).build(), Secret.of(TOKEN));

        assertThatThrownBy(c::whoami).isInstanceOfSatisfying(MatrixException.class, e -> {
            assertThat(e.is("M_LIMIT_EXCEEDED")).isTrue();
            assertThat(e.httpStatus()).isEqualTo(429);
        });
        assertThat(hs.requests()).hasSize(3);
    }

    @Test
    void aServerAskingForALongerWaitThanAllowedFailsAtOnce() {
        hs.reply(429, LIMITED + ",\"retry_after_ms\":600000}");

        assertThatThrownBy(() -> client().whoami()).isInstanceOf(MatrixException.class)
                .hasMessageContaining("maxRetryWait");
        assertThat(clock.waits).isEmpty();
    }

    @Test
    void anErrorCarriesErrcodeAndStatusButNeverTheToken() {
        hs.reply(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"token " + TOKEN + " may not do that\"}");

        assertThatThrownBy(() -> client().join("#backend:hs")).isInstanceOfSatisfying(MatrixException.class, e -> {
            assertThat(e.is("M_FORBIDDEN")).isTrue();
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("POST /_matrix/client/v3/join/%23backend%3Ahs")
                    .doesNotContain(TOKEN).contains("<redacted>");
            assertThat(e.toString()).doesNotContain(TOKEN);
        });
    }

    @Test
    void theTokenTravelsOnlyAsABearerHeader() {
        hs.reply(200, "{\"next_batch\":\"s2\",\"rooms\":{}}");

        client().sync("s1", "{\"room\":{}}", Duration.ofMillis(1500));

        ScriptedHomeserver.Recorded r = hs.requests().get(0);
        assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(r.rawQuery()).doesNotContain(TOKEN).contains("since=s1").contains("timeout=1500")
                .contains("filter=%7B%22room%22%3A%7B%7D%7D");
    }

    @Test
    void anUnknownAliasResolvesToNothing() {
        hs.reply(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Room alias not found\"}");

        assertThat(client().resolveAlias("#nope:hs")).isEmpty();
    }

    @Test
    void aForgottenTokenOfAPasswordLoginLogsInAgainOnce() {
        hs.reply(200, "{\"user_id\":\"@roy:hs\",\"access_token\":\"syt_first\",\"device_id\":\"DEV\"}")
                .reply(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\"}")
                .reply(200, "{\"user_id\":\"@roy:hs\",\"access_token\":\"syt_second\",\"device_id\":\"DEV\"}")
                .reply(200, "{\"joined_rooms\":[\"!a:hs\"]}");
        MatrixClient c = MatrixClient.login(config().build(),
                new PasswordLogin("roy", Secret.of("pw-roy"), "DEV", "agentkit roy"));

        assertThat(c.joinedRooms()).containsExactly("!a:hs");
        assertThat(hs.requests()).extracting(ScriptedHomeserver.Recorded::authorization)
                .containsExactly(null, "Bearer syt_first", null, "Bearer syt_second");
        assertThat(hs.requests().get(0).body()).contains("\"device_id\":\"DEV\"").contains("m.login.password");
        assertThat(c.userId()).isEqualTo("@roy:hs");
    }

    @Test
    void aWrongPasswordIsForbiddenAndTheMessageHoldsNoPassword() {
        hs.reply(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"Invalid username or password\"}");

        assertThatThrownBy(() -> MatrixClient.login(config().build(),
                new PasswordLogin("roy", Secret.of("pw-wrong-123"), "DEV", "agentkit roy")))
                .isInstanceOf(MatrixException.class).hasMessageContaining("M_FORBIDDEN")
                .hasMessageNotContaining("pw-wrong-123");
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        hs.hang();
        MatrixClient c = MatrixClient.withAccessToken(config().requestTimeout(Duration.ofMillis(300)).build(),
                Secret.of(TOKEN));

        assertThatThrownBy(c::whoami).isInstanceOfSatisfying(MatrixException.class, e -> {
            assertThat(e.noResponse()).isTrue();
            assertThat(e.getMessage()).contains("no answer within 300 ms");
        });
    }

    @Test
    void aHomeserverThatIsDownIsAChatFailureWithoutResponse() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        MatrixClient c = MatrixClient.withAccessToken(
                MatrixClientConfig.builder(URI.create("http://127.0.0.1:" + port)).build(), Secret.of(TOKEN));

        assertThatThrownBy(c::whoami).isInstanceOfSatisfying(MatrixException.class, e -> {
            assertThat(e.noResponse()).isTrue();
            assertThat(e.getMessage()).contains("unreachable").doesNotContain(TOKEN);
        });
    }

    @Test
    void historyAndPowerLevelsAreParsed() {
        hs.reply(200, "{\"chunk\":[{\"event_id\":\"$2\",\"type\":\"m.room.message\",\"sender\":\"@a:hs\","
                        + "\"origin_server_ts\":5,\"content\":{\"body\":\"b\"}}],\"start\":\"t2\",\"end\":\"t1\"}")
                .reply(200, "{\"users\":{\"@a:hs\":100},\"users_default\":10}");

        MessagesPage page = client().messages("!r:hs", MessagesQuery.back("t2", "t0", 10, null));
        PowerLevels levels = client().powerLevels("!r:hs");

        assertThat(page.chunk()).extracting(RoomEvent::body).containsExactly("b");
        assertThat(page.end()).isEqualTo("t1");
        assertThat(hs.requests().get(0).rawQuery()).contains("dir=b").contains("from=t2").contains("to=t0");
        assertThat(levels.levelOf("@a:hs")).isEqualTo(100);
        assertThat(levels.levelOf("@b:hs")).isEqualTo(10);
    }
}
