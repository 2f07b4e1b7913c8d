package dev.agentkit.core.internal.broker;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How many bytes a message counts against a server's {@link Broker#maxPayload()}: its body plus
 * its headers as NATS writes them ({@code NATS/1.0} line, one {@code Name: value} line each, the
 * blank line), a value that is not printable ASCII counted as the base64 form it travels in.
 * Used by the brokers to refuse what the server would refuse, and by the turn cycle to cut a dead
 * letter to fit.
 */
public final class PayloadSize {
    /** {@code NATS/1.0\r\n} and the closing {@code \r\n}. */
    private static final int HEADER_FRAME = 12;
    /** {@code =?UTF-8?B?} and {@code ?=} around an encoded value. */
    private static final int ENCODED_FRAME = 12;

    private PayloadSize() {
    }

    /** The bytes {@code e} counts against a max payload. */
    public static long of(Envelope e) {
        return e.size() + headers(e.headers());
    }

    /** The bytes {@code headers} take on the wire; 0 for none. */
    public static long headers(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return 0;
        }
        long n = HEADER_FRAME;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            n += h.getKey().length() + 4 + value(h.getValue());
        }
        return n;
    }

    private static long value(String v) {
        if (HeaderValues.isSafe(v)) {
            return v.length();
        }
        long utf8 = v.getBytes(StandardCharsets.UTF_8).length;
        return ENCODED_FRAME + 4 * ((utf8 + 2) / 3);
    }
}
