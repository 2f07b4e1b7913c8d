package dev.agentkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import java.util.Map;
import java.util.Optional;

/**
 * One typed chunk of a prompt's response stream ({@code {"type": ..., "data": ...}}, §6.2):
 * content, a lifecycle status (the {@code ack} keep-alive), a mid-stream question, or a type this
 * version does not know, which callers ignore. The empty terminator and error frames are not
 * chunks: {@link PromptCall} recognises them by their headers. Decoded by the worker, encoded by
 * the host.
 */
public sealed interface Chunk {

    /** Content: the text to concatenate in order. */
    record Response(String text) implements Chunk {
    }

    /** A lifecycle token such as {@code ack}; it only says the agent is alive. */
    record Status(String token) implements Chunk {
    }

    /**
     * A question the agent asks mid-stream; exactly one reply goes to {@code replySubject}.
     *
     * @param id           the agent's correlation id
     * @param replySubject where the reply goes
     * @param prompt       the question
     */
    record Query(String id, String replySubject, String prompt) implements Chunk {
    }

    /** A chunk of a type this version does not define; ignored (§6.6). */
    record Unknown(String type) implements Chunk {
    }

    /**
     * Decodes one non-terminating message of a stream.
     *
     * @throws ProtocolException when it is not a JSON object with a string {@code type}, or a known
     *                           type's {@code data} has the wrong shape
     */
    static Chunk decode(byte[] body) {
        JsonNode node = Json.tryRead(body).filter(JsonNode::isObject)
                .orElseThrow(() -> new ProtocolException("a chunk must be a JSON object"));
        JsonNode type = node.get("type");
        JsonNode data = node.path("data");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException("a chunk needs a string type");
        }
        return switch (type.asText()) {
            case "response" -> new Response(data.isTextual() ? data.asText() : text(data.get("text"), "response data.text"));
            case "status" -> new Status(text(data, "status data"));
            case "query" -> new Query(text(data.get("id"), "query id"), text(data.get("reply_subject"), "query reply_subject"),
                    text(data.get("prompt"), "query prompt"));
            default -> new Unknown(type.asText());
        };
    }

    private static String text(JsonNode n, String what) {
        return Optional.ofNullable(n).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseThrow(() -> new ProtocolException("a chunk's " + what + " must be a string"));
    }

    /** The wire form of a {@code response} chunk with {@code text}. */
    static byte[] response(String text) {
        return Json.write(Map.of("type", "response", "data", text));
    }

    /** The wire form of the {@code {"type":"status","data":"ack"}} chunk. */
    static byte[] ack() {
        return Json.write(Map.of("type", "status", "data", "ack"));
    }
}
