package dev.agentkit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces known secret values in text by {@value #MARK} before the text leaves the process: in
 * a retry reason, a dead letter's error, an alert, a log line. {@code CommandWorker} builds one
 * from the agent's environment and applies it to a coding-agent CLI's output; anything else that
 * forwards foreign text (dead letters, alerts, chat posts) can reuse it.
 *
 * <p>The secrets are the values of environment variables whose names look secret (see
 * {@link #looksSecret(String)}) and values registered explicitly. Every occurrence is replaced,
 * overlapping ones too; a run of adjacent or overlapping occurrences becomes one mark. A value
 * that spans several lines is also known line by line, so text read a line at a time is covered.
 * Values shorter than {@value #MIN_LENGTH} characters are not secrets here: redacting them would
 * garble ordinary text and protect nothing. Only the literal value is matched, not encodings of it
 * (base64, URL escapes). Immutable and thread-safe; {@link #toString()} never shows a value.
 */
public final class Redactor {
    /** What a secret is replaced by. */
    public static final String MARK = "[redacted]";
    /** The shortest value treated as a secret. */
    public static final int MIN_LENGTH = 4;

    /** Name parts that mark a secret wherever they appear in a name, e.g. {@code GITHUB_TOKEN}, {@code X_APIKEY}. */
    private static final List<String> SECRET_PARTS = List.of("TOKEN", "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET",
            "APIKEY", "CREDENTIAL", "PRIVATE", "COOKIE");
    /** Words that mark a secret when they are a whole word of a name, e.g. {@code NATS_NKEY}, {@code AWS_KEY}. */
    private static final Set<String> SECRET_WORDS = Set.of("KEY", "NKEY", "PASS", "PAT", "CREDS", "AUTH", "SEED", "JWT");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[^A-Z0-9]+");
    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            all.add(v);
            v.lines().map(String::strip).filter(l -> l.length() >= MIN_LENGTH).forEach(all::add);
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** A redactor that knows no secret and returns text as it is. */
    public static Redactor none() {
        return NONE;
    }

    /**
     * A redactor for exactly {@code values}.
     *
     * @throws IllegalArgumentException if a value is shorter than {@value #MIN_LENGTH} characters
     */
    public static Redactor of(Collection<String> values) {
        for (String v : values) {
            if (Objects.requireNonNull(v, "secret").length() < MIN_LENGTH) {
                throw new IllegalArgumentException("a secret to redact must have at least " + MIN_LENGTH
                        + " characters; one has " + v.length());
            }
        }
        return values.isEmpty() ? NONE : new Redactor(values);
    }

    /** {@link #of(Collection)} for the given values. */
    public static Redactor of(String... values) {
        return of(Arrays.asList(values));
    }

    /**
     * A redactor for the values in {@code environment} whose names {@link #looksSecret(String) look
     * secret}; values shorter than {@value #MIN_LENGTH} characters are left out.
     */
    public static Redactor fromEnvironment(Map<String, String> environment) {
        List<String> values = environment.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null && looksSecret(e.getKey()))
                .map(Map.Entry::getValue).filter(v -> v.length() >= MIN_LENGTH).toList();
        return values.isEmpty() ? NONE : new Redactor(values);
    }

    /**
     * Whether an environment variable's name says its value is a secret, ignoring case: the name
     * contains TOKEN, PASSWORD, PASSWD, PASSPHRASE, SECRET, APIKEY, CREDENTIAL, PRIVATE or COOKIE,
     * or one of its words (split at anything but letters and digits) is KEY, NKEY, PASS, PAT,
     * CREDS, AUTH, SEED or JWT. So {@code NATS_TOKEN}, {@code NATS_PASSWORD},
     * {@code ANTHROPIC_API_KEY}, {@code NATS_CREDS} and {@code NATS_NKEY} look secret, and
     * {@code PATH}, {@code PWD} and {@code KEYBOARD} do not.
     */
    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String part : SECRET_PARTS) {
            if (upper.contains(part)) {
                return true;
            }
        }
        return Arrays.stream(WORD_SEPARATOR.split(upper)).anyMatch(SECRET_WORDS::contains);
    }

    /** A redactor that knows the secrets of both. */
    public Redactor and(Redactor other) {
        if (other.secrets.isEmpty()) {
            return this;
        }
        if (secrets.isEmpty()) {
            return other;
        }
        List<String> both = new ArrayList<>(secrets);
        both.addAll(other.secrets);
        return new Redactor(both);
    }

    /** Whether it knows no secret. */
    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * How many characters after a cut a caller must have read for {@link #redact(CharSequence, int)}
     * to recognise a secret that the cut splits: the longest secret's length less one.
     */
    public int lookahead() {
        return secrets.isEmpty() ? 0 : secrets.get(0).length() - 1;
    }

    /** {@code text} with every known secret replaced by {@value #MARK}; {@code null} stays {@code null}. */
    public String redact(CharSequence text) {
        return text == null ? null : redact(text, text.length());
    }

    /**
     * The first {@code limit} characters of {@code text}, redacted, for a caller that cuts text:
     * a secret that starts before the cut and ends after it is recognised (when the characters
     * after the cut are there, see {@link #lookahead()}) and its part before the cut is replaced
     * too, so no prefix of it survives the cut.
     */
    public String redact(CharSequence text, int limit) {
        String s = text.toString();
        int end = Math.max(0, Math.min(limit, s.length()));
        BitSet covered = new BitSet(end);
        for (String secret : secrets) {
            for (int i = s.indexOf(secret); i >= 0 && i < end; i = s.indexOf(secret, i + 1)) {
                covered.set(i, Math.min(i + secret.length(), end));
            }
        }
        if (covered.isEmpty()) {
            return s.substring(0, end);
        }
        StringBuilder out = new StringBuilder(end);
        int at = 0;
        for (int start = covered.nextSetBit(0); start >= 0; start = covered.nextSetBit(at)) {
            int stop = covered.nextClearBit(start);
            out.append(s, at, start).append(MARK);
            at = stop;
        }
        return out.append(s, Math.min(at, end), end).toString();
    }

    /** How many secrets it knows, never what they are. */
    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secret(s)]";
    }
}
