package dev.agentkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkit.core.internal.message.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A prompt request (§5): the prompt text and whether it carries attachments, with its JSON wire
 * form ({@code {"prompt": ...}}). {@link #decode} applies the protocol's discrimination rule: a
 * body whose first non-blank byte is <code>{</code> is a JSON envelope, anything else plain UTF-8
 * text. The worker encodes prompts with it; the host decodes them.
 *
 * @param prompt         the prompt, never empty
 * @param hasAttachments whether the request carries a non-empty {@code attachments} array
 */
public record PromptEnvelope(String prompt, boolean hasAttachments) {
    public PromptEnvelope {
        if (prompt == null || prompt.isEmpty()) {
            throw new ProtocolException("a prompt must not be empty");
        }
    }

    /** A prompt without attachments. */
    public static PromptEnvelope of(String prompt) {
        return new PromptEnvelope(prompt, false);
    }

    /** The JSON envelope as sent. */
    public byte[] encode() {
        ObjectNode node = Json.mapper().createObjectNode().put("prompt", prompt);
        return Json.write(node);
    }

    /**
     * Reads a request body by §5.3.
     *
     * @throws ProtocolException for an empty body, a JSON body that is not an object with a string
     *                           {@code prompt}, or text that is not UTF-8
     */
    public static PromptEnvelope decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProtocolException("an empty request is not a prompt");
        }
        int i = 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        if (i < body.length && body[i] == '{') {
            JsonNode node = Json.tryRead(body).filter(JsonNode::isObject)
                    .orElseThrow(() -> new ProtocolException("the request is not a JSON object"));
            JsonNode prompt = node.get("prompt");
            if (prompt == null || !prompt.isTextual()) {
                throw new ProtocolException("the request has no string prompt");
            }
            JsonNode attachments = node.path("attachments");
            return new PromptEnvelope(prompt.asText(), attachments.isArray() && !attachments.isEmpty());
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return of(text);
        } catch (CharacterCodingException e) {
            throw new ProtocolException("the request is neither a JSON envelope nor UTF-8 text");
        }
    }
}
