package dev.agentkit.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Registers users through Synapse's shared-secret admin API: fetch a nonce, then post the user
 * with an HMAC-SHA1 of nonce, name, password and admin flag keyed by the config's
 * {@code registration_shared_secret}. Responses are never logged; errors name the user only.
 */
final class SharedSecretRegistration {
    private static final Pattern SECRET = Pattern.compile("(?m)^registration_shared_secret:\\s*\"?([^\"\\n]+?)\"?\\s*$");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI endpoint;
    private final byte[] secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SharedSecretRegistration(URI baseUrl, Path homeserverYaml) {
        this.endpoint = baseUrl.resolve("/_synapse/admin/v1/register");
        this.secret = readSecret(homeserverYaml).getBytes(StandardCharsets.UTF_8);
    }

    private static String readSecret(Path yaml) {
        try {
            Matcher m = SECRET.matcher(Files.readString(yaml));
            if (!m.find()) {
                throw new SynapseUnavailableException(yaml + " has no registration_shared_secret");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new SynapseUnavailableException("cannot read " + yaml + ": " + e.getMessage(), e);
        }
    }

    SynapseUser register(String localpart, String password, boolean admin) {
        String nonce = exchange(HttpRequest.newBuilder(endpoint).GET(), localpart).path("nonce").asText();
        String mac = mac(nonce + "\0" + localpart + "\0" + password + "\0" + (admin ? "admin" : "notadmin"));
        byte[] body = Json.write(Map.of("nonce", nonce, "username", localpart, "password", password,
                "admin", admin, "mac", mac));
        JsonNode r = exchange(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), localpart);
        return new SynapseUser(localpart, r.path("user_id").asText(), password, r.path("access_token").asText());
    }

    private JsonNode exchange(HttpRequest.Builder request, String localpart) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Json.tryRead(r.body()).orElseGet(() -> Json.mapper().createObjectNode());
            if (r.statusCode() != 200) {
                throw new SynapseUnavailableException("registering " + localpart + " failed: HTTP " + r.statusCode()
                        + " " + body.path("errcode").asText("") + " " + body.path("error").asText(""));
            }
            return body;
        } catch (IOException e) {
            throw new SynapseUnavailableException("registering " + localpart + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynapseUnavailableException("registering " + localpart + " was interrupted", e);
        }
    }

    private String mac(String message) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
