package dev.agentkit.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workspace path pattern of {@link FileRouter}: a directory prefix or a glob, with how specific
 * it is, so the longest match can win. Paths use {@code /}; a leading {@code ./} and backslashes
 * are normalised away.
 *
 * <ul>
 *   <li>A <b>prefix</b> {@code src/api/} (or {@code src/api}) matches {@code src/api} itself and
 *       everything under it, never {@code src/apiary}.</li>
 *   <li>A <b>glob</b>: {@code *} any characters within one path segment, {@code ?} one such
 *       character, {@code **} any characters across segments ({@code **}{@code /} also matches no
 *       directory at all), {@code {a,b}} either alternative. It must match the whole path.</li>
 * </ul>
 * Its specificity is the number of literal characters, so {@code src/api/admin/} beats
 * {@code src/api/} and {@code src/web/**}{@code /*.tsx} beats {@code **}{@code /*.tsx}.
 * Immutable.
 */
public final class PathPattern {
    private final String text;
    private final Pattern regex;
    private final int specificity;

    private PathPattern(String text, Pattern regex, int specificity) {
        this.text = text;
        this.regex = regex;
        this.specificity = specificity;
    }

    /** A directory prefix. */
    public static PathPattern prefix(String prefix) {
        String p = normalise(Objects.requireNonNull(prefix, "prefix"));
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.contains("..")) {
            throw new IllegalArgumentException("path prefix must name a directory inside the workspace, was '" + prefix + "'");
        }
        return new PathPattern(p, null, p.length());
    }

    /** A glob over whole paths. */
    public static PathPattern glob(String glob) {
        String g = normalise(Objects.requireNonNull(glob, "glob"));
        if (g.isEmpty()) {
            throw new IllegalArgumentException("glob must not be empty");
        }
        int literal = (int) g.chars().filter(c -> "*?{},".indexOf(c) < 0).count();
        return new PathPattern(g, compile(g), literal);
    }

    /** The pattern, normalised (a prefix without its trailing {@code /}). */
    public String text() {
        return text;
    }

    /** Whether it is a glob (else a directory prefix). */
    public boolean isGlob() {
        return regex != null;
    }

    /** How many literal characters it has; the longer, the more specific. */
    public int specificity() {
        return specificity;
    }

    /** Whether {@code path} matches. */
    public boolean matches(String path) {
        String p = normalise(path);
        if (regex != null) {
            return regex.matcher(p).matches();
        }
        return p.equals(text) || p.startsWith(text + "/");
    }

    /** A path with {@code /} separators and without a leading {@code ./}. */
    static String normalise(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean dirs = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(dirs ? "(?:.*/)?" : ".*");
                i += dirs ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '{' && !inGroup) {
                re.append("(?:");
                inGroup = true;
            } else if (c == '}' && inGroup) {
                re.append(')');
                inGroup = false;
            } else if (c == ',' && inGroup) {
                re.append('|');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            throw new IllegalArgumentException("glob has an unclosed '{': " + glob);
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return regex != null ? "glob '" + text + "'" : "prefix '" + text + "/'";
    }
}
