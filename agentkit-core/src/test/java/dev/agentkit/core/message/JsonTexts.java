package dev.agentkit.core.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random JSON texts for the body-scan properties. A plain generator writes only what
 * {@link FastBodyScan} must take itself: valid printable-ASCII documents within its limits, with
 * top-level {@code id} and {@code requirement} of every kind it handles. A wild one also writes
 * what it must leave to Jackson: non-ASCII and control characters, invalid escapes and numbers,
 * near-limit depths, numbers, names and ids, escaped top-level names, odd whitespace; and
 * {@link #mutate} breaks texts further at the byte level.
 */
final class JsonTexts {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .:/{}[],";
    private static final String[] WILD_CHARS = {"\u00e9", "\u2028", "\ud83d\ude00", "\u0000", "\t", "\n", "\u001f",
        "\u007f", "\ufeff", "\ud800", "\u0085"};
    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041",
        "\\u00e9", "\\uD83D\\uDE00", "\\uDC00", "\\u0000", "\\u0020", "\\uFFFF", "\\uabcd"};
    private static final String[] BAD_ESCAPES = {"\\x", "\\u12", "\\u12G4", "\\'", "\\a", "\\U0041", "\\"};
    private static final String[] BAD_NUMBERS = {"01", "-01", "00", "1.", ".5", "+1", "NaN", "-", "1e", "1e+", "1.e5",
        "Infinity", "-Infinity", "0x1F", "1_000", "1.5.3", "--1", "1E", "0.", "-.5"};
    private static final String[] BAD_LITERALS = {"tru", "nul", "True", "FALSE", "truex", "nulll", "undefined", "t"};
    private static final String[] WILD_SPACE = {"\f", "\u000b", "\u00a0", "/*c*/", "//c\n", "#c\n", "\u0000"};
    private static final String[] SPACE = {"", "", "", " ", "\n", "\t", "\r\n", "  \n\t "};
    private static final String[] FIELD_NAMES = {"id", "requirement", "kind", "pad", "Id", "ID", "requirements",
        "requiremen", "i", "", " id", "id "};
    private static final String[] ESCAPED_FIELD_NAMES = {"\\u0069d", "i\\u0064", "requir\\u0065ment", "\\/id"};

    private static final String MUTANTS = "\"\\{}[],:0-.eE \u0001tfn";

    private final Random r;
    private final boolean wild;

    private JsonTexts(long seed, boolean wild) {
        this.r = new Random(seed);
        this.wild = wild;
    }

    /** A valid printable-ASCII document the fast path must take. */
    static String plain(long seed) {
        return new JsonTexts(seed, false).document();
    }

    /** A document, often valid, often not, often outside the fast path's subset. */
    static String wild(long seed) {
        return new JsonTexts(seed, true).document();
    }

    private String document() {
        String root = r.nextInt(10) < 7 ? rootObject() : value(0);
        return space() + root + space();
    }

    private String rootObject() {
        List<String> members = new ArrayList<>();
        int n = r.nextInt(7);
        for (int k = 0; k < n; k++) {
            String name = r.nextInt(3) == 0 ? text(NAME_CHARS, 8) : pick(FIELD_NAMES);
            boolean key = name.equals("id") || name.equals("requirement");
            if (wild && r.nextInt(12) == 0) {
                name = r.nextBoolean() ? pick(ESCAPED_FIELD_NAMES) : "x".repeat(995 + r.nextInt(10));
            }
            members.add(space() + '"' + name + '"' + space() + ':' + space() + (key ? idValue() : value(1)) + space());
        }
        return '{' + String.join(",", members) + (members.isEmpty() ? space() : "") + '}';
    }

    /** A value of a top-level id or requirement: every kind the Jackson pass distinguishes. */
    private String idValue() {
        return switch (r.nextInt(wild ? 12 : 10)) {
            case 0 -> '"' + text(NAME_CHARS, 12) + '"';
            case 1 -> "\"REQ-" + r.nextInt(1000) + '"';
            case 2 -> '"' + " ".repeat(r.nextInt(3)) + '"';
            case 3 -> number();
            case 4 -> r.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> "{\"id\":\"nested\"}";
            case 7 -> "[\"REQ-9\"]";
            case 8 -> " \"" + "x".repeat(r.nextBoolean() ? FastBodyScan.MAX_ID - (wild ? 1 : 2) + r.nextInt(3) : 3) + "\"";
            case 9 -> r.nextBoolean() ? array(1) : object(1);
            case 10 -> '"' + pick(ESCAPES) + text(NAME_CHARS, 3) + '"';
            default -> '"' + pick(WILD_CHARS) + '"';
        };
    }

    private String value(int depth) {
        if (wild && r.nextInt(25) == 0) {
            return deep(depth);
        }
        int kinds = depth > 6 ? 3 : 5;
        return switch (r.nextInt(kinds)) {
            case 0 -> string();
            case 1 -> number();
            case 2 -> literal();
            case 3 -> array(depth);
            default -> object(depth);
        };
    }

    private String array(int depth) {
        List<String> items = new ArrayList<>();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            items.add(space() + value(depth + 1) + space());
        }
        return '[' + String.join(",", items) + (items.isEmpty() ? space() : "") + ']';
    }

    private String object(int depth) {
        if (depth == 0) {
            return rootObject();
        }
        List<String> members = new ArrayList<>();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            String name = r.nextInt(4) == 0 ? pick(FIELD_NAMES) : string().substring(1).replaceFirst("\"$", "");
            members.add(space() + '"' + name + '"' + space() + ':' + space() + value(depth + 1) + space());
        }
        return '{' + String.join(",", members) + (members.isEmpty() ? space() : "") + '}';
    }

    /** Containers nested around the depth limit of the fast path, or of Jackson (1,000). */
    private String deep(int depth) {
        int limit = r.nextInt(4) == 0 ? 1_000 : FastJsonValues.MAX_DEPTH;
        int levels = limit - 1 - depth + r.nextInt(4); // depth + levels: from limit - 1 to limit + 2
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        int kinds = r.nextInt(3); // only arrays, only objects, or both
        for (int k = 0; k < levels; k++) {
            boolean object = kinds == 2 ? r.nextBoolean() : kinds == 1;
            open.append(object ? "{\"a\":" : "[");
            close.insert(0, object ? '}' : ']');
        }
        return open + "0" + close;
    }

    private String string() {
        StringBuilder s = new StringBuilder("\"");
        int n = r.nextInt(12);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(100);
            if (kind < 70) {
                s.append(text(NAME_CHARS + "'~`!@#$%^&*()=+|<>?", 3));
            } else if (kind < 96 || !wild) {
                s.append(pick(ESCAPES));
            } else if (kind < 99) {
                s.append(pick(WILD_CHARS));
            } else {
                s.append(pick(BAD_ESCAPES));
            }
        }
        return s.append('"').toString();
    }

    private String number() {
        if (wild && r.nextInt(20) == 0) {
            return r.nextBoolean() ? pick(BAD_NUMBERS) : "1".repeat(FastJsonValues.MAX_NUMBER - 2 + r.nextInt(5));
        }
        StringBuilder n = new StringBuilder(r.nextBoolean() ? "" : "-");
        n.append(r.nextInt(3) == 0 ? "0" : String.valueOf(1 + r.nextInt(Integer.MAX_VALUE)).repeat(1 + r.nextInt(2)));
        if (r.nextInt(3) == 0) {
            n.append('.').append(r.nextInt(100_000));
        }
        if (r.nextInt(4) == 0) {
            n.append(r.nextBoolean() ? 'e' : 'E').append(pick(new String[] {"", "+", "-"})).append(r.nextInt(400));
        }
        return n.toString();
    }

    private String literal() {
        return wild && r.nextInt(20) == 0 ? pick(BAD_LITERALS) : pick(new String[] {"true", "false", "null"});
    }

    private String space() {
        return wild && r.nextInt(60) == 0 ? pick(WILD_SPACE) : pick(SPACE);
    }

    private String text(String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int k = 0; k < n; k++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String pick(String[] choices) {
        return pick(r, choices);
    }

    /** Bytes to scan: the text's UTF-8, truncated, with bytes flipped, inserted or removed, or garbage after it. */
    static byte[] mutate(String text, long seed) {
        Random r = new Random(seed);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int edits = r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            byte any = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : MUTANTS.charAt(r.nextInt(MUTANTS.length())));
            b = switch (r.nextInt(5)) {
                case 0 -> Arrays.copyOf(b, at);
                case 1 -> b.length == 0 ? b : flip(b, at, any);
                case 2 -> insert(b, at, any);
                case 3 -> b.length == 0 ? b : remove(b, at);
                default -> concat(b, pick(r, new String[] {"x", "}", " {}", "\u0000", "1", " ", "\"", "]", "[1]"}));
            };
        }
        return b;
    }

    private static byte[] flip(byte[] b, int at, byte any) {
        byte[] c = b.clone();
        c[at] = any;
        return c;
    }

    private static byte[] insert(byte[] b, int at, byte any) {
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, at);
        c[at] = any;
        System.arraycopy(b, at, c, at + 1, b.length - at);
        return c;
    }

    private static byte[] remove(byte[] b, int at) {
        byte[] c = new byte[b.length - 1];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
        return c;
    }

    private static byte[] concat(byte[] b, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] c = Arrays.copyOf(b, b.length + t.length);
        System.arraycopy(t, 0, c, b.length, t.length);
        return c;
    }

    private static String pick(Random r, String[] choices) {
        return choices[r.nextInt(choices.length)];
    }
}
