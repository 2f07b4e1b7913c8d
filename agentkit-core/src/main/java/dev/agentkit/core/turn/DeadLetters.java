package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.HeaderValues;
import dev.agentkit.core.message.Headers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a given-up delivery to {@code work.deadletter.<agent>}: the original body and headers
 * plus why, from where and after how many deliveries. The message id is derived from the
 * original stream and sequence, so publishing twice (a crash before the term) stores one letter.
 */
final class DeadLetters {
    private final Broker broker;
    private final String subject;
    private final String agent;

    DeadLetters(Broker broker, String subject, String agent) {
        this.broker = broker;
        this.subject = subject;
        this.agent = agent;
    }

    void send(Delivery d, String reason) {
        Envelope original = d.envelope();
        Map<String, String> headers = new LinkedHashMap<>(original.headers());
        headers.remove(Headers.MESSAGE_ID);
        original.header(Headers.MESSAGE_ID).ifPresent(id -> headers.put(Headers.ORIGINAL_ID, id));
        headers.put(Headers.DEAD_REASON, oneLine(reason));
        headers.put(Headers.DEAD_AGENT, agent);
        headers.put(Headers.ORIGINAL_SUBJECT, d.subject());
        headers.put(Headers.ORIGINAL_STREAM, d.stream());
        headers.put(Headers.ORIGINAL_SEQUENCE, Long.toString(d.streamSequence()));
        headers.put(Headers.DELIVERY_COUNT, Integer.toString(d.deliveryCount()));
        headers.put(Headers.MESSAGE_ID, "dead:" + d.stream() + ":" + d.streamSequence() + ":" + agent);
        broker.publish(subject, Envelope.of(original.body(), headers));
    }

    /** Header values are one line of printable ASCII; long reasons are cut. */
    static String oneLine(String reason) {
        return HeaderValues.safe(reason);
    }
}
