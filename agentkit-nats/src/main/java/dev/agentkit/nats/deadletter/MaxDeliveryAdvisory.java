package dev.agentkit.nats.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.Envelope;
import java.util.Optional;

/**
 * JetStream's advisory that a message reached its consumer's delivery limit without being
 * settled ({@code io.nats.jetstream.advisory.v1.max_deliver}), as published on
 * {@code $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.<stream>.<consumer>}.
 *
 * @param stream         the stream that holds the message
 * @param consumer       the durable consumer (an agent's name for agent consumers)
 * @param streamSequence the message's sequence in the stream
 * @param deliveries     how many times it was delivered
 */
record MaxDeliveryAdvisory(String stream, String consumer, long streamSequence, long deliveries) {
    static final String TYPE = "io.nats.jetstream.advisory.v1.max_deliver";

    /** The advisory in {@code e}; empty when it is something else. */
    static Optional<MaxDeliveryAdvisory> parse(Envelope e) {
        return Json.tryRead(e.body()).flatMap(MaxDeliveryAdvisory::fromJson);
    }

    private static Optional<MaxDeliveryAdvisory> fromJson(JsonNode n) {
        if (!TYPE.equals(n.path("type").asText()) || !n.hasNonNull("stream") || !n.hasNonNull("consumer")
                || !n.path("stream_seq").canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new MaxDeliveryAdvisory(n.path("stream").asText(), n.path("consumer").asText(),
                n.path("stream_seq").asLong(), n.path("deliveries").asLong()));
    }
}
