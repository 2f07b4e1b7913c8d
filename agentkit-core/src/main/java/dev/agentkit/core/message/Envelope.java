package dev.agentkit.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Envelopes;
import dev.agentkit.core.internal.message.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message on the broker: a body (normally JSON) and single-valued headers. Immutable.
 *
 * <p>Agents receive envelopes from work, direct and coordination streams, and build them to
 * publish. Plain JSON published by any NATS client is a valid envelope: {@link #id()} comes from
 * the {@code Nats-Msg-Id} header, else from the body's {@code id} field.
 *
 * <pre>{@code
 * Envelope e = Envelope.ofJson(Map.of("id", "REQ-001", "title", "Add login"));
 * String title = e.json().path("title").asText();
 * }</pre>
 */
public final class Envelope {
    private final byte[] body;
    private final Map<String, String> headers;
    /** What one streaming pass found in the body; {@code null} until first needed. Benign race. */
    private volatile BodyScan scan;
    /** The body as a tree, built on the first {@link #json()}; {@code null} until then. Benign race. */
    private volatile JsonNode parsed;

    static {
        Envelopes.owningWith(Envelope::owning);
    }

    private Envelope(byte[] body, Map<String, String> headers) {
        this.body = body;
        this.headers = headers;
    }

    /** An envelope with these exact bytes and headers (copied). */
    public static Envelope of(byte[] body, Map<String, String> headers) {
        Objects.requireNonNull(body, "body");
        return owning(body.clone(), new LinkedHashMap<>(checked(headers)));
    }

    /** An envelope over these bytes and headers themselves, for {@link Envelopes#owning}. */
    private static Envelope owning(byte[] body, Map<String, String> headers) {
        Objects.requireNonNull(body, "body");
        return new Envelope(body, headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(checked(headers)));
    }

    private static Map<String, String> checked(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        headers.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException("header names must be non-blank and values non-null: " + k);
            }
        });
        return headers;
    }

    /** An envelope whose body is {@code value} written as JSON, without headers. */
    public static Envelope ofJson(Object value) {
        return new Envelope(Json.write(value), Map.of());
    }

    /** An envelope whose body is the UTF-8 bytes of {@code text}, without headers. */
    public static Envelope ofText(String text) {
        return new Envelope(text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A copy with one header added or replaced. */
    public Envelope withHeader(String name, String value) {
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("header names must be non-blank and values non-null: " + name);
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        Envelope e = new Envelope(body, Collections.unmodifiableMap(copy));
        e.scan = scan;
        e.parsed = parsed;
        return e;
    }

    /** A copy carrying {@code id} as its {@code Nats-Msg-Id} (JetStream de-duplicates on it). */
    public Envelope withMessageId(String id) {
        return withHeader(Headers.MESSAGE_ID, id);
    }

    /**
     * The message id: the {@code Nats-Msg-Id} header, else the body's top-level {@code id}
     * field when the body is a JSON object; empty otherwise.
     */
    public Optional<String> id() {
        String header = headers.get(Headers.MESSAGE_ID);
        if (header != null && !header.isBlank()) {
            return Optional.of(header);
        }
        return Optional.ofNullable(scan().id());
    }

    /**
     * The requirement this message is about: the body's top-level {@code requirement} field, else
     * its {@code id} field, when it is a non-blank value; empty otherwise. Unlike {@link #id()} it
     * ignores the message id, so a retried or reassigned copy of {@code REQ-007} still says
     * {@code REQ-007}. Logged as the MDC key {@code agentkit.requirement}.
     */
    public Optional<String> requirementId() {
        BodyScan s = scan();
        return Optional.ofNullable(s.requirement() != null ? s.requirement() : s.id());
    }

    /**
     * The body parsed as JSON. It is parsed once and the tree is shared by every caller: treat it
     * as read-only.
     *
     * @throws PoisonMessageException if the body is not JSON
     */
    public JsonNode json() {
        JsonNode tree = parsed;
        if (tree == null) {
            if (!isJson()) {
                throw new PoisonMessageException("body is not JSON: " + preview());
            }
            tree = Json.tryRead(body).orElseThrow(() -> new PoisonMessageException("body is not JSON: " + preview()));
            parsed = tree;
        }
        return tree;
    }

    /** Whether the body is exactly one JSON document (else the message is poison to a turn). */
    public boolean isJson() {
        return scan().json();
    }

    private BodyScan scan() {
        BodyScan s = scan;
        if (s == null) {
            s = BodyScan.of(body);
            scan = s;
        }
        return s;
    }

    /**
     * The body bound to {@code type} with Jackson.
     *
     * @throws PoisonMessageException if the body is not JSON or does not fit {@code type}
     */
    public <T> T bodyAs(Class<T> type) {
        return Json.convert(json(), type);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A copy of the raw body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's size in bytes, without copying it. */
    public int size() {
        return body.length;
    }

    /** The headers, unmodifiable, in insertion order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** One header's value. */
    public Optional<String> header(String name) {
        // most deliveries carry no headers; an empty immutable map still hashes the name
        return headers.isEmpty() ? Optional.empty() : Optional.ofNullable(headers.get(name));
    }

    /** At most 120 characters of the body, for log lines and error messages. */
    public String preview() {
        String text = text();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && Arrays.equals(body, e.body) && headers.equals(e.headers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(body) + headers.hashCode();
    }

    @Override
    public String toString() {
        return "Envelope" + headers + " " + preview();
    }
}
