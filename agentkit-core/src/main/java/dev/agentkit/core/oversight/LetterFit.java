package dev.agentkit.core.oversight;

import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Cuts a {@link DeadLetter}'s envelope to fit a server's max payload, so a letter is published
 * even for an item at the limit. The body is cut first, at a UTF-8 character boundary, and ends
 * in a marker naming the original's size and place; when even the headers leave too little
 * room, the original's headers are dropped (agentkit's stay). {@link Headers#DEAD_TRUNCATED}
 * says what was cut; {@code retry} and {@code reassign} then read the whole original from its
 * stream. Used by {@link DeadLetter#toEnvelope(long)}.
 */
final class LetterFit {
    /** Room kept below the max payload for what a client may add on the wire (a duplicate message id header). */
    static final int WIRE_ALLOWANCE = 256;

    private LetterFit() {
    }

    static Envelope fit(DeadLetter letter, long maxPayload) {
        Envelope whole = letter.toEnvelope();
        if (PayloadSize.of(whole) + WIRE_ALLOWANCE <= maxPayload) {
            return whole;
        }
        byte[] body = letter.original().body();
        String marker = marker(letter, body.length);
        byte[] tail = marker.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = cutHeaders(letter.headers(true), "body");
        long room = maxPayload - WIRE_ALLOWANCE - PayloadSize.headers(headers) - tail.length;
        if (room < maxPayload / 2) {
            headers = cutHeaders(letter.headers(false), "body,headers");
            room = maxPayload - WIRE_ALLOWANCE - PayloadSize.headers(headers) - tail.length;
        }
        int keep = boundary(body, (int) Math.max(0, Math.min(room, body.length)));
        byte[] cut = Arrays.copyOf(body, keep + tail.length);
        System.arraycopy(tail, 0, cut, keep, tail.length);
        return Envelope.of(cut, headers);
    }

    private static Map<String, String> cutHeaders(Map<String, String> headers, String what) {
        String before = headers.get(Headers.DEAD_TRUNCATED);
        boolean headersCut = what.contains("headers") || (before != null && before.contains("headers"));
        headers.put(Headers.DEAD_TRUNCATED, headersCut ? "body,headers" : "body");
        return headers;
    }

    private static String marker(DeadLetter letter, int size) {
        String where = letter.stream() != null
                ? "the original is message " + letter.sequence() + " of stream " + letter.stream()
                : "the original was never stored in a stream";
        return "\n[agentkit: dead letter cut to fit the server's max payload; the original body had " + size
                + " bytes; " + where + "]";
    }

    /** The largest length at most {@code n} that does not split a UTF-8 character. */
    private static int boundary(byte[] body, int n) {
        int i = n;
        while (i > 0 && i < body.length && (body[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }
}
