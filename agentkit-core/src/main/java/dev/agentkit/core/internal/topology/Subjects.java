package dev.agentkit.core.internal.topology;

/**
 * NATS subject rules: validation and wildcard matching ({@code *} one token, {@code >} the rest).
 * Used by topology records, by the in-memory broker and by anyone who routes on subjects.
 */
public final class Subjects {
    private Subjects() {
    }

    /**
     * Checks a subject or filter: dot-separated non-empty tokens without spaces, {@code *} only
     * as a whole token, {@code >} only as the last token.
     */
    public static void requireValid(String what, String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean bad = t.isEmpty() || t.chars().anyMatch(c -> Character.isWhitespace(c))
                    || (t.length() > 1 && (t.contains("*") || t.contains(">")))
                    || (t.equals(">") && i != tokens.length - 1);
            if (bad) {
                throw new IllegalArgumentException(what + " is not a valid NATS subject: '" + subject + "'");
            }
        }
    }

    /** Whether the literal {@code subject} matches {@code pattern}. */
    public static boolean matches(String pattern, String subject) {
        String[] p = pattern.split("\\.");
        String[] s = subject.split("\\.");
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }

    /**
     * Whether some subject could match both patterns, as JetStream decides when it refuses two
     * streams with overlapping subjects.
     */
    public static boolean overlap(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (x[i].equals(">") || y[i].equals(">")) {
                return true;
            }
            if (!(x[i].equals("*") || y[i].equals("*") || x[i].equals(y[i]))) {
                return false;
            }
        }
        return x.length == y.length;
    }
}
