package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One stream of the {@link InMemoryBroker}: messages by sequence, limits applied on every write
 * and read, and the de-duplication window. Guarded by the broker's lock.
 */
final class MemoryStream {
    private record Seen(long sequence, Instant at) {
    }

    StreamSpec spec;
    private final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
    private final Map<String, Seen> dedup = new HashMap<>();
    private long lastSequence;

    MemoryStream(StreamSpec spec) {
        this.spec = spec;
    }

    PublishResult append(String subject, Envelope envelope, Instant now) {
        expire(now);
        String id = envelope.header(Headers.MESSAGE_ID).orElse(null);
        if (id != null) {
            Seen seen = dedup.get(id);
            if (seen != null && now.isBefore(seen.at.plus(spec.duplicateWindow()))) {
                return new PublishResult(spec.name(), seen.sequence, true);
            }
        }
        long seq = ++lastSequence;
        messages.put(seq, new StoredMessage(seq, subject, envelope, now));
        if (id != null) {
            dedup.put(id, new Seen(seq, now));
        }
        if (spec.maxMessages() > 0) {
            while (messages.size() > spec.maxMessages()) {
                messages.pollFirstEntry();
            }
        }
        return new PublishResult(spec.name(), seq, false);
    }

    /** Drops messages older than max age and de-duplication entries older than the window. */
    void expire(Instant now) {
        if (!spec.maxAge().isZero()) {
            Instant oldest = now.minus(spec.maxAge());
            while (!messages.isEmpty() && messages.firstEntry().getValue().storedAt().isBefore(oldest)) {
                messages.pollFirstEntry();
            }
        }
        Iterator<Seen> it = dedup.values().iterator();
        while (it.hasNext()) {
            if (!now.isBefore(it.next().at.plus(spec.duplicateWindow()))) {
                it.remove();
            }
        }
    }

    StoredMessage get(long sequence) {
        return messages.get(sequence);
    }

    void remove(long sequence) {
        messages.remove(sequence);
    }

    /** Messages after {@code sequence}, in order. */
    NavigableMap<Long, StoredMessage> after(long sequence) {
        return messages.tailMap(sequence, false);
    }

    int size() {
        return messages.size();
    }

    long lastSequence() {
        return lastSequence;
    }
}
