package dev.agentkit.nats;

import dev.agentkit.core.message.Envelope;

/**
 * A message as a stream stores it, read by sequence with {@link JetStreamBroker#readMessage}.
 * Used by the dead-letter watcher to recover the original of an item that ran out of deliveries.
 *
 * @param stream   the stream
 * @param sequence its sequence in the stream
 * @param subject  the subject it was published to
 * @param envelope its body and headers
 */
public record StoredMessage(String stream, long sequence, String subject, Envelope envelope) {
}
