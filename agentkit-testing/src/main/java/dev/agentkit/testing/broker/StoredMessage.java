package dev.agentkit.testing.broker;

import dev.agentkit.core.message.Envelope;
import java.time.Instant;

/** A message held by a {@link MemoryStream}: its sequence, subject, envelope and arrival time. */
record StoredMessage(long sequence, String subject, Envelope envelope, Instant storedAt) {
}
