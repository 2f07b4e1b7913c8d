package dev.agentkit.nats.deadletter;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a dead letter in the shape the turn cycle's own dead letters have (core
 * {@code DeadLetters}): the original body and headers, its message id moved to
 * {@link Headers#ORIGINAL_ID}, the reason, agent, original subject, stream, sequence and delivery
 * count, and the message id {@code dead:<stream>:<seq>:<agent>}, so the same item dead-lettered
 * by both paths is stored once.
 */
final class DeadLetterEnvelope {
    private DeadLetterEnvelope() {
    }

    static Envelope of(Envelope original, String subject, String stream, long sequence, long deliveries, String agent,
                       String reason) {
        Map<String, String> headers = new LinkedHashMap<>(original.headers());
        headers.remove(Headers.MESSAGE_ID);
        original.header(Headers.MESSAGE_ID).ifPresent(id -> headers.put(Headers.ORIGINAL_ID, id));
        headers.put(Headers.DEAD_REASON, reason);
        headers.put(Headers.DEAD_AGENT, agent);
        headers.put(Headers.ORIGINAL_SUBJECT, subject);
        headers.put(Headers.ORIGINAL_STREAM, stream);
        headers.put(Headers.ORIGINAL_SEQUENCE, Long.toString(sequence));
        headers.put(Headers.DELIVERY_COUNT, Long.toString(deliveries));
        headers.put(Headers.MESSAGE_ID, messageId(stream, sequence, agent));
        return Envelope.of(original.body(), headers);
    }

    static String messageId(String stream, long sequence, String agent) {
        return "dead:" + stream + ":" + sequence + ":" + agent;
    }
}
