package dev.agentkit.core.internal.store;

import dev.agentkit.core.store.FileProcessedStore;
import dev.agentkit.core.store.FileStateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns any non-empty key into a bounded name that a store with a small alphabet can use: a file
 * name ({@link FileProcessedStore}, {@link FileStateStore}) or a NATS KV key (the KV stores of
 * agentkit-nats). Letters, digits, {@code -} and {@code _} stay; every other UTF-8 byte becomes
 * the escape character and two hex digits, so no key names a path outside its directory. A name
 * that would be longer than {@link #MAX_LENGTH} becomes a readable prefix of it, the escape
 * character twice (which no escaped name contains) and {@value #HASH_CHARS} hex digits of the
 * key's SHA-256. Distinct keys never share a name: short ones are escaped one-to-one, and two long
 * ones would need the same 128-bit hash. Names of keys within the bound are the names earlier
 * versions used.
 */
public final class StoreKeys {
    /** The longest name made, in characters (ASCII): within every common file system's limit, and a short KV subject. */
    public static final int MAX_LENGTH = 128;
    /** Hex digits of the SHA-256 that end a shortened name (128 bits). */
    public static final int HASH_CHARS = 32;
    /** How long a key {@link #preview} shows, in characters. */
    static final int PREVIEW_CHARS = 80;

    /** Names for files: the escape is {@code .}, case folded away (file systems may ignore case). */
    public static final StoreKeys FILE_NAMES = of('.', false);

    private final char escape;
    private final HexFormat hex;
    /** The hex digits of {@link #hex}'s case, for {@link #asciiName}. */
    private final byte[] digits;

    private StoreKeys(char escape, HexFormat hex) {
        this.escape = escape;
        this.hex = hex;
        this.digits = hex.formatHex(new byte[] {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd,
                (byte) 0xef}).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Names escaped with {@code escape} (not a letter, digit, {@code -} or {@code _}) and hex
     * digits in upper or lower case.
     */
    public static StoreKeys of(char escape, boolean upperCaseHex) {
        if (kept(escape) || escape > 0x7e || escape < 0x21) {
            throw new IllegalArgumentException("the escape must be printable ASCII punctuation, was '" + escape + "'");
        }
        return new StoreKeys(escape, upperCaseHex ? HexFormat.of().withUpperCase() : HexFormat.of());
    }

    /** The name of {@code key}: at most {@link #MAX_LENGTH} characters of the alphabet above. */
    public String name(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("store key must not be empty");
        }
        String ascii = asciiName(key);
        return ascii != null ? ascii : byBytes(key);
    }

    /**
     * The name of an ASCII key whose name is at most {@link #MAX_LENGTH} characters, as
     * {@link #byBytes} makes it (a character of such a key is its one UTF-8 byte), in one array;
     * null for any other key. Every read and mark of a KV store names its key, most keys are such
     * ones, and the general path allocated six times for each.
     */
    private String asciiName(String key) {
        int n = key.length();
        if (n > MAX_LENGTH) {
            return null;
        }
        byte[] name = new byte[Math.min(3 * n, MAX_LENGTH)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (kept(c)) {
                if (at == name.length) {
                    return null;
                }
                name[at++] = (byte) c;
            } else {
                if (at + 3 > name.length) {
                    return null;
                }
                name[at++] = (byte) escape;
                name[at++] = digits[c >>> 4];
                name[at++] = digits[c & 0xf];
            }
        }
        return new String(name, 0, at, StandardCharsets.ISO_8859_1);
    }

    /** The name of any key, from its UTF-8 bytes: the reference {@link #asciiName} agrees with. */
    String byBytes(String key) {
        StringBuilder sb = new StringBuilder(Math.min(key.length(), MAX_LENGTH + 3));
        int whole = 0;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (kept(c)) {
                sb.append(c);
            } else {
                sb.append(escape).append(hex.toHexDigits(b));
            }
            if (sb.length() <= MAX_LENGTH - HASH_CHARS - 2) {
                whole = sb.length();
            }
            if (sb.length() > MAX_LENGTH) {
                sb.setLength(whole);
                return sb.append(escape).append(escape).append(sha256(key)).toString();
            }
        }
        return sb.toString();
    }

    /** {@code key} cut to a length fit for a log line or an exception message. */
    public static String preview(String key) {
        if (key == null || key.length() <= PREVIEW_CHARS) {
            return key;
        }
        int cut = Character.isHighSurrogate(key.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
        return key.substring(0, cut) + "…(" + key.length() + " chars)";
    }

    private static boolean kept(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
