package dev.agentkit.nats.kv;

/**
 * Recognises the plain answer of a JetStream server to a publish it stored:
 * {@code {"stream":"<name>","seq":<n>}} with {@code n} at least 1, byte for byte (a space after
 * the comma allowed). An answer with anything else in it (an error, a domain, a duplicate flag,
 * a batch) is not plain, and {@link KvPipeline} leaves it to jnats' {@code PublishAck} to read.
 */
final class PlainAck {
    private static final byte[] SEQ = "\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PlainAck() {
    }

    /**
     * Whether {@code data} is a plain ack of a publish to the stream whose acks begin with
     * {@code start} ({@code {"stream":"<name>",}).
     */
    static boolean of(byte[] data, byte[] start) {
        if (data == null || !at(data, 0, start)) {
            return false;
        }
        int i = start.length;
        if (i < data.length && data[i] == ' ') {
            i++;
        }
        if (!at(data, i, SEQ)) {
            return false;
        }
        i += SEQ.length;
        if (i >= data.length || data[i] < '1' || data[i] > '9') {
            return false;
        }
        int digits = 0;
        while (i < data.length && data[i] >= '0' && data[i] <= '9') {
            i++;
            digits++;
        }
        // a sequence is an unsigned 64-bit number: at most 20 digits
        return digits <= 20 && i == data.length - 1 && data[i] == '}';
    }

    private static boolean at(byte[] data, int from, byte[] expected) {
        if (data.length - from < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (data[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
