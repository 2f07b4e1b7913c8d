package dev.agentkit.examples.demo;

import java.util.List;
import java.util.Optional;

/**
 * The demo's command line: {@code --periods N} (schedule periods to run, default 5),
 * {@code --nats URL} and {@code --matrix URL} (real servers instead of the embedded world),
 * {@code --replicas N} (copies of every stream and KV bucket on a NATS cluster, default 1).
 *
 * @param periods  how many schedule periods the story runs
 * @param nats     NATS URLs, comma-separated, or empty for the in-memory broker
 * @param matrix   a Matrix homeserver URL, or empty for the in-memory chat
 * @param replicas how many servers of a NATS cluster keep each stream and KV bucket (1 to 5)
 */
public record DemoOptions(int periods, Optional<String> nats, Optional<String> matrix, int replicas) {
    private static final String USAGE = "usage: [--periods N] [--nats URL[,URL...]] [--matrix URL] [--replicas N]";

    public DemoOptions {
        if (periods < 1 || periods > 100) {
            throw new IllegalArgumentException("--periods must be 1 to 100, was " + periods);
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("--replicas must be 1 to 5, was " + replicas);
        }
        if (replicas > 1 && nats.isEmpty()) {
            throw new IllegalArgumentException("--replicas " + replicas + " needs --nats with the URLs of a NATS cluster");
        }
    }

    /** One replica of everything. */
    public DemoOptions(int periods, Optional<String> nats, Optional<String> matrix) {
        this(periods, nats, matrix, 1);
    }

    /** The embedded default. */
    public static DemoOptions embedded() {
        return new DemoOptions(5, Optional.empty(), Optional.empty());
    }

    static DemoOptions parse(String[] args) {
        int periods = 5;
        int replicas = 1;
        Optional<String> nats = Optional.empty();
        Optional<String> matrix = Optional.empty();
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            if (i + 1 >= a.size()) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            String value = a.get(++i);
            switch (flag) {
                case "--periods" -> periods = parseNumber(flag, value);
                case "--replicas" -> replicas = parseNumber(flag, value);
                case "--nats" -> nats = Optional.of(value);
                case "--matrix" -> matrix = Optional.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        return new DemoOptions(periods, nats, matrix, replicas);
    }

    private static int parseNumber(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, was '" + value + "'");
        }
    }

    /** How long a period is on real servers: three seconds between an agent's turns. */
    public static final java.time.Duration REAL_PERIOD = java.time.Duration.ofSeconds(3);

    /**
     * The world these options ask for. Matrix passwords come from
     * {@code AGENTKIT_MATRIX_PASSWORD_<NAME>} (e.g. {@code AGENTKIT_MATRIX_PASSWORD_ROY}), else
     * {@code AGENTKIT_MATRIX_PASSWORD}; the server name from {@code AGENTKIT_MATRIX_SERVER_NAME}
     * (default {@code localhost}).
     */
    TeamWorld world(java.util.Map<String, String> env) {
        if (nats.isEmpty() && matrix.isEmpty()) {
            return DemoWorld.embedded();
        }
        return DemoWorld.real(this, env.getOrDefault("AGENTKIT_MATRIX_SERVER_NAME", "localhost"),
                name -> dev.agentkit.matrix.client.Secret.of(password(env, name)), REAL_PERIOD);
    }

    private static String password(java.util.Map<String, String> env, String name) {
        String specific = env.get("AGENTKIT_MATRIX_PASSWORD_" + name.toUpperCase(java.util.Locale.ROOT));
        String shared = env.get("AGENTKIT_MATRIX_PASSWORD");
        if (specific == null && shared == null) {
            throw new IllegalArgumentException("no Matrix password for " + name + ": set AGENTKIT_MATRIX_PASSWORD_"
                    + name.toUpperCase(java.util.Locale.ROOT) + " or AGENTKIT_MATRIX_PASSWORD");
        }
        return specific != null ? specific : shared;
    }
}
