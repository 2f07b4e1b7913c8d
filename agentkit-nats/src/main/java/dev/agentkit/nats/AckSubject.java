package dev.agentkit.nats;

/**
 * What {@link JetStreamDelivery} needs from a JetStream message's reply subject, read without
 * jnats' {@code NatsJetStreamMetaData}, which splits the subject with a regular expression and
 * parses every token (the timestamp too) for each message: that was a fifth of a drain's turn
 * time. Knows the two forms a server sends on a pull consumer's messages,
 * {@code $JS.ACK.<stream>.<consumer>.<delivered>.<streamSeq>.<consumerSeq>.<timestamp>.<pending>}
 * and {@code $JS.ACK.<domain>.<accountHash>.<stream>.<consumer>.<delivered>.<streamSeq>.<consumerSeq>.<timestamp>.<pending>[.<token>]};
 * anything else is left to jnats.
 *
 * @param stream         the stream the message is stored in
 * @param streamSequence its sequence in the stream
 * @param deliveryCount  which delivery this is, from 1
 */
record AckSubject(String stream, long streamSequence, long deliveryCount) {
    private static final String PREFIX = "$JS.ACK.";
    /** Dots in the longest form read here, {@code $JS.ACK.} included. */
    private static final int MAX_TOKENS = 12;
    /** The stream name read last: a consumer's messages all name the same one, so it is kept, not copied each time. */
    private static volatile String lastStream = "";

    /**
     * The stream, sequence and delivery count in {@code reply}, or null when it is not a form read
     * here. Found with {@link String#indexOf(int, int)} (vectorised by the JVM), allocating
     * nothing but the record: it runs for every delivery.
     */
    static AckSubject parse(String reply) {
        if (reply == null || !reply.startsWith(PREFIX)) {
            return null;
        }
        int dots = 0;
        for (int i = reply.indexOf('.'); i >= 0; i = reply.indexOf('.', i + 1)) {
            if (++dots > MAX_TOKENS) {
                return null;
            }
        }
        int tokens = dots + 1;
        int streamToken;
        if (tokens == 9) {
            streamToken = 2;
        } else if (tokens == 11 || tokens == 12) {
            streamToken = 4;
        } else {
            return null;
        }
        int streamStart = PREFIX.length();
        for (int t = 2; t < streamToken; t++) {
            streamStart = reply.indexOf('.', streamStart) + 1;
        }
        int streamEnd = reply.indexOf('.', streamStart);
        int consumerEnd = reply.indexOf('.', streamEnd + 1);
        int deliveredEnd = reply.indexOf('.', consumerEnd + 1);
        int sequenceEnd = reply.indexOf('.', deliveredEnd + 1);
        if (streamEnd == streamStart || consumerEnd == streamEnd + 1) {
            return null; // an empty stream or consumer name
        }
        long delivered = number(reply, consumerEnd + 1, deliveredEnd);
        long sequence = number(reply, deliveredEnd + 1, sequenceEnd);
        if (delivered < 1 || sequence < 1) {
            return null;
        }
        String seen = lastStream;
        String stream = seen.length() == streamEnd - streamStart && reply.startsWith(seen, streamStart) ? seen
                : (lastStream = reply.substring(streamStart, streamEnd));
        return new AckSubject(stream, sequence, delivered);
    }

    /** The decimal number in {@code s[start, end)}, or -1 when that is not one. */
    private static long number(String s, int start, int end) {
        if (end <= start || end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
