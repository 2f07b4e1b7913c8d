package dev.agentkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.internal.message.Json;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderCheckTest {
    // The specification's known-answer vector B.13 (a throwaway test key it publishes).
    static final String SUBJECT = "agents.prompt.demo-agent.alice.example";
    static final String ACCOUNT = "AABYLMBR6Q2CDXTLGRQCFA2GP76BGCDF7NZF2OVHH4RQ7L3Y3TZWJDRL";
    static final String USER = "UCDUW5V44EBDBIK2FL4CTNDBQFNGBEZVJHSZGQVKRHASN4AV4IWPB5NT";
    static final String SIG = "EPGc0tNF0ZQeBqXUduwUp3zdi33k1AKIXOX-PUPSeY9QtS4V3d2EZLq-fHuPuYkw6Cc3HdVn_jVI58Y_3YBZBw";
    static final byte[] PAYLOAD = "{\"prompt\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
    static final Clock AT = Clock.fixed(Instant.parse("2026-08-28T12:00:05Z"), ZoneOffset.UTC);

    static String vector(String nonce) {
        return "{\"v\":1,\"account\":\"" + ACCOUNT + "\",\"user\":\"" + USER + "\",\"name\":\"claude-code\",\"sub\":\"" + SUBJECT
                + "\",\"ts\":\"2026-08-28T12:00:00Z\",\"nonce\":\"" + nonce + "\",\"sig\":\"" + SIG + "\"}";
    }

    /** An {@code Agent-Sender} header signed by {@code key}, as a caller implementing §13 sends it. */
    static String header(NKey key, String account, String subject, String ts, String nonce, byte[] payload) throws Exception {
        String user = new String(key.getPublicKey());
        String input = "AGENT-SENDER-V1\n" + account + "\n" + user + "\n" + subject + "\n" + ts + "\n" + nonce + "\n"
                + SenderCheck.sha256(payload) + "\n";
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("v", 1);
        h.put("account", account);
        h.put("user", user);
        h.put("sub", subject);
        h.put("ts", ts);
        h.put("nonce", nonce);
        h.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(input.getBytes(StandardCharsets.UTF_8))));
        return Json.writeString(h);
    }

    @Test
    void theSpecificationsSignedVectorVerifiesAndItsSenderIsAdmittedWhenListed() {
        SenderCheck check = new SenderCheck(Set.of(USER), Duration.ofSeconds(30), AT);
        SenderCheck.Verdict v = check.check(SUBJECT, vector("nonce-operator-account-signed"), PAYLOAD);
        assertThat(v.admitted()).as(v.reason()).isTrue();
        assertThat(v.sender()).contains(USER);
        assertThat(check.minSenderTrust()).isEqualTo("signed");
    }

    @Test
    void aReplayAnotherSubjectAnotherPayloadOrAStaleTimeFailsWith401() {
        SenderCheck check = new SenderCheck(Set.of(), Duration.ofSeconds(30), AT);
        assertThat(check.check(SUBJECT, vector("nonce-operator-account-signed"), PAYLOAD).admitted()).isTrue();
        assertThat(check.check(SUBJECT, vector("nonce-operator-account-signed"), PAYLOAD).code()).as("replay").isEqualTo(401);
        assertThat(check.check("agents.prompt.demo-agent.alice.other", vector("nonce-operator-account-signed"), PAYLOAD).code())
                .isEqualTo(401);
        assertThat(check.check(SUBJECT, vector("nonce-operator-account-signed"), "{\"prompt\":\"bye\"}".getBytes(StandardCharsets.UTF_8))
                .code()).isEqualTo(401);
        SenderCheck later = new SenderCheck(Set.of(), Duration.ofSeconds(30), Clock.offset(AT, Duration.ofMinutes(5)));
        assertThat(later.check(SUBJECT, vector("nonce-operator-account-signed"), PAYLOAD).code()).as("stale").isEqualTo(401);
    }

    @Test
    void withoutAnAllowListEveryWellFormedSenderIsServedAndAMalformedHeaderIs400() {
        SenderCheck open = new SenderCheck(Set.of(), Duration.ofSeconds(30), AT);
        assertThat(open.minSenderTrust()).isEqualTo("any");
        assertThat(open.check(SUBJECT, null, PAYLOAD).admitted()).isTrue();
        assertThat(open.check(SUBJECT, "{\"v\":1,\"account\":\"ACME\",\"user\":\"" + USER + "\"}", PAYLOAD).admitted()).as("claimed").isTrue();
        assertThat(open.check(SUBJECT, "{\"v\":2}", PAYLOAD).admitted()).as("an unknown v is absent").isTrue();
        assertThat(open.check(SUBJECT, "not json", PAYLOAD).code()).isEqualTo(400);
        assertThat(open.check(SUBJECT, "{\"v\":\"1\",\"account\":\"ACME\",\"user\":\"" + USER + "\"}", PAYLOAD).code()).isEqualTo(400);
        assertThat(open.check(SUBJECT, "{\"v\":1,\"account\":\"ACME\",\"user\":\"" + USER + "\",\"sig\":\"x\"}", PAYLOAD).code())
                .as("sig without sub, ts, nonce").isEqualTo(400);
    }

    @Test
    void withAnAllowListUnsignedAndClaimedSendersGet401AndVerifiedStrangers403() throws Exception {
        NKey stranger = NKey.createUser(new SecureRandom());
        SenderCheck strict = new SenderCheck(Set.of(USER), Duration.ofSeconds(30), AT);
        assertThat(strict.check(SUBJECT, null, PAYLOAD).code()).isEqualTo(401);
        assertThat(strict.check(SUBJECT, "{\"v\":1,\"account\":\"" + ACCOUNT + "\",\"user\":\"" + USER + "\"}", PAYLOAD).code())
                .as("a claim grants nothing").isEqualTo(401);
        String signed = header(stranger, "ACME", SUBJECT, "2026-08-28T12:00:04Z", "n1", PAYLOAD);
        assertThat(strict.check(SUBJECT, signed, PAYLOAD).code()).isEqualTo(403);
    }
}
