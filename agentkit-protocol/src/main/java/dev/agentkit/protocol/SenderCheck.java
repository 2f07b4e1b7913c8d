package dev.agentkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The receiver side of the protocol's sender-identity extension (§13) and the host's allow-list.
 * An {@code Agent-Sender} header signed with the sender's user NKEY (ed25519 over
 * {@code AGENT-SENDER-V1}, the subject, time, nonce and the payload's SHA-256) is verified against
 * the arrival subject, a replay window and a nonce set; a malformed header is refused with 400, a
 * failing signature with 401. With an empty allow-list every request is served (the NATS account's
 * permissions decide who can publish to the prompt subject at all); with one, only a verified
 * sender whose user NKEY (or {@code account.user} agent ID) is listed: unsigned requests get 401,
 * verified strangers 403. Used by the {@link ProtocolHost}'s prompt endpoint.
 */
final class SenderCheck {
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_NONCES = 10_000;

    /** The verdict: {@code code} 0 when the request may go on, else the §9 code and why. */
    record Verdict(int code, String reason, Optional<String> sender) {
        boolean admitted() {
            return code == 0;
        }
    }

    private final Set<String> allowed;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> nonces = new LinkedHashMap<>();

    SenderCheck(Set<String> allowed, Duration window, Clock clock) {
        this.allowed = Set.copyOf(allowed);
        this.window = window;
        this.clock = clock;
    }

    /** {@code signed} when an allow-list is set, else {@code any}: what the prompt endpoint advertises. */
    String minSenderTrust() {
        return allowed.isEmpty() ? "any" : "signed";
    }

    /** Classifies a request that arrived on {@code subject} with {@code header} (may be null) and {@code payload}. */
    synchronized Verdict check(String subject, String header, byte[] payload) {
        if (header == null) {
            return refuseUnsigned("no " + Protocol.SENDER_HEADER + " header");
        }
        Optional<JsonNode> parsed = Json.tryRead(header.getBytes(StandardCharsets.UTF_8)).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            return new Verdict(400, "malformed " + Protocol.SENDER_HEADER + " header", Optional.empty());
        }
        JsonNode h = parsed.get();
        if (!h.path("v").isIntegralNumber() || h.path("v").asInt() != 1) {
            return h.has("v") && h.get("v").isNumber() ? refuseUnsigned("an " + Protocol.SENDER_HEADER + " version this host does not know")
                    : new Verdict(400, "malformed " + Protocol.SENDER_HEADER + " header: v", Optional.empty());
        }
        String account = h.path("account").asText("");
        String user = h.path("user").asText("");
        if (!h.path("account").isTextual() || account.isEmpty() || !NKey.isValidPublicUserKey(user.toCharArray())) {
            return new Verdict(400, "malformed " + Protocol.SENDER_HEADER + " header: account or user", Optional.empty());
        }
        if (!h.has("sig")) {
            return refuseUnsigned("an unsigned (claimed) sender " + user);
        }
        for (String f : new String[]{"sig", "sub", "ts", "nonce"}) {
            if (!h.path(f).isTextual()) {
                return new Verdict(400, "malformed " + Protocol.SENDER_HEADER + " header: " + f, Optional.empty());
            }
        }
        String nonce = h.get("nonce").asText();
        if (!NONCE.matcher(nonce).matches()) {
            return new Verdict(400, "malformed " + Protocol.SENDER_HEADER + " header: nonce", Optional.empty());
        }
        return verify(subject, h, account, user, nonce, payload);
    }

    private Verdict verify(String subject, JsonNode h, String account, String user, String nonce, byte[] payload) {
        String sub = h.get("sub").asText();
        String ts = h.get("ts").asText();
        String input = "AGENT-SENDER-V1\n" + account + "\n" + user + "\n" + sub + "\n" + ts + "\n" + nonce + "\n" + sha256(payload) + "\n";
        try {
            byte[] sig = Base64.getUrlDecoder().decode(h.get("sig").asText());
            if (!NKey.fromPublicKey(user.toCharArray()).verify(input.getBytes(StandardCharsets.UTF_8), sig)) {
                return new Verdict(401, "the sender's signature does not verify", Optional.empty());
            }
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            return new Verdict(401, "the sender's signature does not verify", Optional.empty());
        }
        if (!sub.equals(subject)) {
            return new Verdict(401, "the signature is for another subject", Optional.empty());
        }
        Instant now = clock.instant();
        Instant at;
        try {
            at = Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return new Verdict(401, "the signed time is unreadable", Optional.empty());
        }
        if (Duration.between(at, now).abs().compareTo(window) > 0) {
            return new Verdict(401, "the signed time is outside the replay window", Optional.empty());
        }
        expireNonces(now);
        if (nonces.putIfAbsent(user + "/" + nonce, at.plus(window)) != null) {
            return new Verdict(401, "a replayed request", Optional.empty());
        }
        if (!allowed.isEmpty() && !allowed.contains(user) && !allowed.contains(account + "." + user)) {
            return new Verdict(403, "sender " + user + " is not on this agent's allow-list", Optional.of(user));
        }
        return new Verdict(0, "verified", Optional.of(user));
    }

    private Verdict refuseUnsigned(String what) {
        return allowed.isEmpty() ? new Verdict(0, what, Optional.empty())
                : new Verdict(401, "this agent takes signed requests from its allow-list only; got " + what, Optional.empty());
    }

    private void expireNonces(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = nonces.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().isBefore(now) || nonces.size() > MAX_NONCES) {
                it.remove();
            }
        }
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload == null ? new byte[0] : payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
