package dev.agentkit.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.agentkit.core.internal.message.Json;
import java.io.IOException;

/**
 * One streaming pass over a body: is it a single JSON document, and what are its top-level
 * {@code id} and {@code requirement} values? Every turn needs these for every message (poison
 * check, idempotency key, log context) while most agents read only some fields, so no tree is
 * built here; {@link Envelope#json()} builds one on demand. Plain ASCII bodies are scanned by
 * {@link FastBodyScan}, everything it is not sure of by Jackson's streaming parser.
 *
 * @param json        whether the body is exactly one JSON document
 * @param id          the top-level {@code id} as text, if it is a non-blank scalar
 * @param requirement the top-level {@code requirement} as text, if it is a non-blank scalar
 */
record BodyScan(boolean json, String id, String requirement) {
    private static final BodyScan NOT_JSON = new BodyScan(false, null, null);

    /**
     * The scan of {@code body}: {@link FastBodyScan}'s where it is sure (plain ASCII JSON, the
     * common case), else Jackson's.
     */
    static BodyScan of(byte[] body) {
        BodyScan fast = FastBodyScan.scan(body);
        return fast != null ? fast : byJackson(body);
    }

    /** The scan by Jackson's streaming parser: the reference {@link FastBodyScan} must agree with. */
    static BodyScan byJackson(byte[] body) {
        if (body.length == 0) {
            return NOT_JSON;
        }
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                return NOT_JSON;
            }
            String id = null;
            String requirement = null;
            if (root == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value.isStructStart()) {
                        p.skipChildren();
                    } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                        if ("id".equals(name)) {
                            id = blankToNull(p.getValueAsString());
                        } else if ("requirement".equals(name)) {
                            requirement = blankToNull(p.getValueAsString());
                        }
                    }
                }
            } else if (root.isStructStart()) {
                p.skipChildren();
            }
            return p.nextToken() == null ? new BodyScan(true, id, requirement) : NOT_JSON;
        } catch (IOException e) {
            return NOT_JSON;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
