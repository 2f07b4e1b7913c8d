package dev.agentkit.core.message;

import static dev.agentkit.core.message.FastJsonStrings.NOT_SURE;

/**
 * The values of {@link FastBodyScan}: where a JSON value ends, by RFC 8259's grammar, for a
 * subset Jackson certainly accepts with its default features and limits: strings as
 * {@link FastJsonStrings} takes them, nesting at most {@value #MAX_DEPTH} deep, numbers of at
 * most {@value #MAX_NUMBER} characters and field names of at most {@value #MAX_NAME} bytes.
 * Anything else answers {@link FastJsonStrings#NOT_SURE}. Nothing is allocated: the open
 * containers are the bits of one {@code long}.
 */
final class FastJsonValues {
    /** The deepest nesting taken, counting the root container (Jackson allows 1,000). */
    static final int MAX_DEPTH = 64;
    /** The longest number taken, in characters (Jackson allows 1,000 digits). */
    static final int MAX_NUMBER = 100;
    /** The longest field name taken, in bytes as written (Jackson allows 50,000 characters). */
    static final int MAX_NAME = 1_000;

    private FastJsonValues() {
    }

    /**
     * The index after the value that starts at {@code i}, inside {@code outerDepth} containers,
     * or {@link FastJsonStrings#NOT_SURE}.
     */
    static int skip(byte[] b, int i, int outerDepth) {
        long objects = 0; // bit d set: the open container at depth d (from 0) is an object
        int depth = 0;
        while (true) {
            if (i >= b.length) {
                return NOT_SURE;
            }
            byte c = b[i];
            if (c == '{' || c == '[') {
                if (outerDepth + depth >= MAX_DEPTH) {
                    return NOT_SURE;
                }
                boolean object = c == '{';
                objects = object ? objects | 1L << depth : objects & ~(1L << depth);
                depth++;
                i = whitespace(b, i + 1);
                if (i >= b.length || b[i] != (object ? '}' : ']')) {
                    i = object ? member(b, i) : i;
                    if (i == NOT_SURE) {
                        return NOT_SURE;
                    }
                    continue; // at the first value of the container
                }
                i++;
                depth--;
            } else {
                i = scalar(b, i);
                if (i == NOT_SURE) {
                    return NOT_SURE;
                }
            }
            while (true) { // after a value: close containers until one goes on
                if (depth == 0) {
                    return i;
                }
                i = whitespace(b, i);
                if (i >= b.length) {
                    return NOT_SURE;
                }
                boolean object = (objects & 1L << (depth - 1)) != 0;
                c = b[i];
                if (c == ',') {
                    i = whitespace(b, i + 1);
                    i = object ? member(b, i) : i;
                    if (i == NOT_SURE) {
                        return NOT_SURE;
                    }
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    return NOT_SURE;
                }
                i++;
                depth--;
            }
        }
    }

    /** From a member's name at {@code i} to the start of its value, or {@link FastJsonStrings#NOT_SURE}. */
    private static int member(byte[] b, int i) {
        if (i >= b.length || b[i] != '"') {
            return NOT_SURE;
        }
        int end = FastJsonStrings.skip(b, i + 1);
        if (end == NOT_SURE || end - i - 2 > MAX_NAME) {
            return NOT_SURE;
        }
        return colon(b, end);
    }

    /** From just after a member's name to the start of its value, or {@link FastJsonStrings#NOT_SURE}. */
    static int colon(byte[] b, int afterName) {
        int i = whitespace(b, afterName);
        if (i >= b.length || b[i] != ':') {
            return NOT_SURE;
        }
        i = whitespace(b, i + 1);
        return i < b.length ? i : NOT_SURE;
    }

    /** The index after the string, number or literal at {@code i}, or {@link FastJsonStrings#NOT_SURE}. */
    private static int scalar(byte[] b, int i) {
        return switch (b[i]) {
            case '"' -> FastJsonStrings.skip(b, i + 1);
            case 't' -> literal(b, i, "true");
            case 'f' -> literal(b, i, "false");
            case 'n' -> literal(b, i, "null");
            default -> number(b, i);
        };
    }

    private static int literal(byte[] b, int i, String word) {
        if (i + word.length() > b.length) {
            return NOT_SURE;
        }
        for (int k = 1; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return NOT_SURE;
            }
        }
        return i + word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}, at most {@value #MAX_NUMBER} long. */
    private static int number(byte[] b, int start) {
        int i = start;
        if (i < b.length && b[i] == '-') {
            i++;
        }
        if (i < b.length && b[i] == '0') {
            i++;
        } else {
            i = digits(b, i);
        }
        if (i != NOT_SURE && i < b.length && b[i] == '.') {
            i = digits(b, i + 1);
        }
        if (i != NOT_SURE && i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            i = digits(b, i);
        }
        return i == NOT_SURE || i - start > MAX_NUMBER ? NOT_SURE : i;
    }

    /** The index after one or more digits at {@code i}, or {@link FastJsonStrings#NOT_SURE} if there is none. */
    private static int digits(byte[] b, int i) {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > start ? i : NOT_SURE;
    }

    /** The index of the first byte at or after {@code i} that is not RFC 8259 whitespace. */
    static int whitespace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}
