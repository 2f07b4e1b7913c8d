package dev.agentkit.core.message;

import static dev.agentkit.core.message.FastJsonStrings.NOT_SURE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast path in front of {@link BodyScan}'s Jackson pass, for the bodies turns see most: plain
 * ASCII JSON. One walk over the bytes answers either "certainly one JSON document, with these
 * top-level {@code id} and {@code requirement}" or "not sure" ({@code null}), and then the Jackson
 * pass decides. It answers "certain" only where Jackson (the factory of {@code Json.mapper()},
 * default features and limits) accepts the body and returns the same {@code id} and
 * {@code requirement}: RFC 8259 documents of printable ASCII within {@link FastJsonValues}'
 * limits, whose top-level names have no escapes and whose top-level {@code id} and
 * {@code requirement} strings, if any, have none and are at most {@value #MAX_ID} bytes long.
 * Allocates nothing but the strings it returns.
 */
final class FastBodyScan {
    /** The longest top-level {@code id} or {@code requirement} string taken, in bytes. */
    static final int MAX_ID = 10_000;

    private static final BodyScan JSON_WITHOUT_IDS = new BodyScan(true, null, null);
    private static final int OTHER = 0;
    private static final int ID = 1;
    private static final int REQUIREMENT = 2;
    private static final byte[] REQUIREMENT_NAME = "requirement".getBytes(StandardCharsets.US_ASCII);

    private FastBodyScan() {
    }

    /** What the body certainly is, or {@code null} if the fast path is not sure. */
    static BodyScan scan(byte[] b) {
        int i = FastJsonValues.whitespace(b, 0);
        if (i == b.length) {
            return null;
        }
        if (b[i] == '{') {
            return rootObject(b, i + 1);
        }
        return end(b, FastJsonValues.skip(b, i, 0), null, null);
    }

    /**
     * The root object whose members start at {@code from}: like the Jackson pass, every member
     * named {@code id} or {@code requirement} whose value is a non-null scalar sets that field to
     * the value's text (a blank one to {@code null}); objects, arrays and nulls leave it.
     */
    private static BodyScan rootObject(byte[] b, int from) {
        String id = null;
        String requirement = null;
        int i = FastJsonValues.whitespace(b, from);
        if (i < b.length && b[i] == '}') {
            return end(b, i + 1, null, null);
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                return null;
            }
            int nameEnd = FastJsonStrings.plainEnd(b, i + 1);
            if (nameEnd == NOT_SURE || nameEnd - i - 1 > FastJsonValues.MAX_NAME) {
                return null;
            }
            int field = field(b, i + 1, nameEnd);
            i = FastJsonValues.colon(b, nameEnd + 1);
            if (i == NOT_SURE) {
                return null;
            }
            int valueEnd;
            boolean scalar = false; // a non-null scalar of a field the scan reads, whose text is:
            String text = null;
            if (field == OTHER) {
                valueEnd = FastJsonValues.skip(b, i, 1);
            } else if (b[i] == '"') {
                int close = FastJsonStrings.plainEnd(b, i + 1);
                if (close == NOT_SURE || close - i - 1 > MAX_ID) {
                    return null;
                }
                scalar = true;
                text = BodyScan.blankToNull(ascii(b, i + 1, close));
                valueEnd = close + 1;
            } else {
                valueEnd = FastJsonValues.skip(b, i, 1);
                scalar = valueEnd != NOT_SURE && b[i] != '{' && b[i] != '[' && b[i] != 'n';
                text = scalar ? ascii(b, i, valueEnd) : null; // a number's text, or true's or false's
            }
            if (valueEnd == NOT_SURE) {
                return null;
            }
            if (scalar && field == ID) {
                id = text;
            } else if (scalar) {
                requirement = text;
            }
            i = FastJsonValues.whitespace(b, valueEnd);
            if (i < b.length && b[i] == '}') {
                return end(b, i + 1, id, requirement);
            }
            if (i >= b.length || b[i] != ',') {
                return null;
            }
            i = FastJsonValues.whitespace(b, i + 1);
        }
    }

    /** The scan, if only whitespace follows the root value that ends at {@code i}; else {@code null}. */
    private static BodyScan end(byte[] b, int i, String id, String requirement) {
        if (i == NOT_SURE || FastJsonValues.whitespace(b, i) != b.length) {
            return null;
        }
        return id == null && requirement == null ? JSON_WITHOUT_IDS : new BodyScan(true, id, requirement);
    }

    /** Which field the unescaped name in {@code b[start, end)} is. */
    private static int field(byte[] b, int start, int end) {
        int length = end - start;
        if (length == 2 && b[start] == 'i' && b[start + 1] == 'd') {
            return ID;
        }
        if (length == REQUIREMENT_NAME.length && Arrays.equals(b, start, end, REQUIREMENT_NAME, 0, length)) {
            return REQUIREMENT;
        }
        return OTHER;
    }

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
