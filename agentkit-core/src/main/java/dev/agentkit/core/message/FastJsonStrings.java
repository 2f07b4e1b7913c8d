package dev.agentkit.core.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The strings of {@link FastBodyScan}: where a JSON string ends, for strings of printable ASCII
 * (and valid escapes) only. The bytes are searched eight at a time for the next one that needs a
 * look of its own: a quote, a backslash, a control character or a byte of a multi-byte UTF-8
 * character. Any string outside that subset, or a string with no end, answers {@link #NOT_SURE}.
 */
final class FastJsonStrings {
    /** The answer for anything this class does not vouch for; the caller then asks Jackson. */
    static final int NOT_SURE = -1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    private FastJsonStrings() {
    }

    /**
     * The index after the closing quote of the string whose content starts at {@code from} (just
     * after its opening quote), or {@link #NOT_SURE}. Escapes are checked, not decoded.
     */
    static int skip(byte[] b, int from) {
        int i = nextSpecial(b, from);
        while (i < b.length) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\') {
                return NOT_SURE;
            }
            i = skipEscape(b, i + 1);
            if (i == NOT_SURE) {
                return NOT_SURE;
            }
            i = nextSpecial(b, i);
        }
        return NOT_SURE;
    }

    /**
     * The index of the closing quote of the string whose content starts at {@code from}, if that
     * content has no escape (so its bytes are its characters); else {@link #NOT_SURE}.
     */
    static int plainEnd(byte[] b, int from) {
        int i = nextSpecial(b, from);
        return i < b.length && b[i] == '"' ? i : NOT_SURE;
    }

    /** The index after the escape whose letter is at {@code i} (after the backslash), or {@link #NOT_SURE}. */
    private static int skipEscape(byte[] b, int i) {
        if (i >= b.length) {
            return NOT_SURE;
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 1;
            case 'u':
                if (i + 4 >= b.length) {
                    return NOT_SURE;
                }
                for (int k = i + 1; k <= i + 4; k++) {
                    if (!isHexDigit(b[k])) {
                        return NOT_SURE;
                    }
                }
                return i + 5;
            default:
                return NOT_SURE;
        }
    }

    private static boolean isHexDigit(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * The index of the first byte at or after {@code from} that is a quote, a backslash, below
     * 0x20 or above 0x7f; {@code b.length} if there is none.
     */
    static int nextSpecial(byte[] b, int from) {
        int i = from;
        for (; i <= b.length - Long.BYTES; i += Long.BYTES) {
            long found = specialBytes((long) LONGS.get(b, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < ' ' || c == '"' || c == '\\') { // a byte above 0x7f is negative
                return i;
            }
        }
        return i;
    }

    /**
     * The high bit of each special byte of {@code w} (eight bytes, the first in the lowest bits)
     * set. Subtracting sets a byte's high bit where the byte is below the subtrahend (a quote or
     * backslash xor-ed to zero, a control character) and borrows only from such a byte, so more
     * bits can be set above the first special byte, never below it: the lowest set bit always
     * marks the first special byte. Bytes above 0x7f have their high bit set already.
     */
    private static long specialBytes(long w) {
        long quote = (w ^ QUOTES) - ONES;
        long backslash = (w ^ BACKSLASHES) - ONES;
        long control = w - SPACES;
        return (quote | backslash | control | w) & HIGH_BITS;
    }
}
