package dev.agentkit.nats.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code NATS_*} environment variables into a {@link NatsConnectionConfigBuilder}
 * (for {@link NatsConnectionConfig#fromEnvironment}). Error messages name the variable, never
 * its value when that may be a secret.
 */
final class EnvironmentSettings {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private EnvironmentSettings() {
    }

    static NatsConnectionConfigBuilder apply(Map<String, String> env, NatsConnectionConfigBuilder b) {
        String url = value(env, "NATS_URL");
        if (url != null) {
            b.servers(Arrays.stream(url.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        String user = value(env, "NATS_USER");
        if (user != null) {
            String password = value(env, "NATS_PASSWORD");
            b.userPassword(user, password == null ? new char[0] : password.toCharArray());
        }
        String token = value(env, "NATS_TOKEN");
        if (token != null) {
            b.token(token.toCharArray());
        }
        String nkey = value(env, "NATS_NKEY");
        if (nkey != null) {
            b.nkeySeed(readSeed(Path.of(nkey)));
        }
        String creds = value(env, "NATS_CREDS");
        if (creds != null) {
            b.credsFile(Path.of(creds));
        }
        applyTls(env, b);
        String name = value(env, "NATS_CONNECTION_NAME");
        if (name != null) {
            b.connectionName(name);
        }
        String max = value(env, "NATS_MAX_RECONNECTS");
        if (max != null) {
            b.maxReconnects(parseInt("NATS_MAX_RECONNECTS", max));
        }
        String wait = value(env, "NATS_RECONNECT_WAIT");
        if (wait != null) {
            b.reconnectWait(parseDuration("NATS_RECONNECT_WAIT", wait), b.reconnectJitter);
        }
        return b;
    }

    private static void applyTls(Map<String, String> env, NatsConnectionConfigBuilder b) {
        String truststore = value(env, "NATS_TLS_TRUSTSTORE");
        if (truststore != null) {
            b.truststore(Path.of(truststore), chars(value(env, "NATS_TLS_TRUSTSTORE_PASSWORD")));
        }
        String keystore = value(env, "NATS_TLS_KEYSTORE");
        if (keystore != null) {
            b.keystore(Path.of(keystore), chars(value(env, "NATS_TLS_KEYSTORE_PASSWORD")));
        }
        if ("true".equalsIgnoreCase(value(env, "NATS_TLS_FIRST"))) {
            b.tlsFirst();
        }
    }

    /** A duration as {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}). */
    static Duration parseDuration(String variable, String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(variable + " must be a duration like 500ms, 2s, 1m or PT2S, was '" + text + "'");
        }
    }

    private static int parseInt(String variable, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be an integer, was '" + text + "'");
        }
    }

    /** The first line of an NKey seed file that looks like a user seed. */
    private static char[] readSeed(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String s = line.strip();
                if (s.startsWith("SU")) {
                    return s.toCharArray();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("NATS_NKEY: cannot read the NKey seed file " + file + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("NATS_NKEY: " + file + " holds no NKey user seed (a line starting with SU)");
    }

    private static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
