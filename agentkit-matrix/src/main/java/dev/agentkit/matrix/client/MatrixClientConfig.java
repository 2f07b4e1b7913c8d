package dev.agentkit.matrix.client;

import dev.agentkit.core.time.AgentClock;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MatrixClient} reaches its homeserver: the base URL, timeouts, and how long it
 * waits out rate limits. Immutable, made with {@link #builder(URI)}; holds no secret.
 *
 * @param homeserver          base URL, e.g. {@code http://127.0.0.1:8008}
 * @param connectTimeout      TCP connect timeout
 * @param requestTimeout      timeout of one HTTP exchange (a long-poll sync adds its own timeout)
 * @param maxRateLimitRetries how many {@code M_LIMIT_EXCEEDED} answers one call retries before failing
 * @param maxRetryWait        the longest wait for one retry; a server asking for more fails the call
 * @param defaultRetryWait    the wait when the server names none (doubled per retry)
 * @param clock               what rate-limit waits are timed by
 */
public record MatrixClientConfig(URI homeserver, Duration connectTimeout, Duration requestTimeout,
                                 int maxRateLimitRetries, Duration maxRetryWait, Duration defaultRetryWait,
                                 AgentClock clock) {
    public MatrixClientConfig {
        Objects.requireNonNull(homeserver, "homeserver");
        if (homeserver.getScheme() == null || !homeserver.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("homeserver must be an http(s) URL, was " + homeserver);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("maxRetryWait", maxRetryWait);
        requirePositive("defaultRetryWait", defaultRetryWait);
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries must not be negative, was " + maxRateLimitRetries);
        }
        Objects.requireNonNull(clock, "clock");
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** The defaults for {@code homeserver}: 5 s connect, 30 s request, 5 retries of at most 30 s. */
    public static MatrixClientConfig of(URI homeserver) {
        return builder(homeserver).build();
    }

    /** A builder with the defaults of {@link #of(URI)}. */
    public static Builder builder(URI homeserver) {
        return new Builder(homeserver);
    }

    /** Builds a {@link MatrixClientConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final URI homeserver;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRateLimitRetries = 5;
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private Duration defaultRetryWait = Duration.ofSeconds(1);
        private AgentClock clock = AgentClock.system();

        private Builder(URI homeserver) {
            this.homeserver = homeserver;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder maxRateLimitRetries(int n) {
            this.maxRateLimitRetries = n;
            return this;
        }

        public Builder maxRetryWait(Duration d) {
            this.maxRetryWait = d;
            return this;
        }

        public Builder defaultRetryWait(Duration d) {
            this.defaultRetryWait = d;
            return this;
        }

        public Builder clock(AgentClock clock) {
            this.clock = clock;
            return this;
        }

        public MatrixClientConfig build() {
            return new MatrixClientConfig(homeserver, connectTimeout, requestTimeout, maxRateLimitRetries,
                    maxRetryWait, defaultRetryWait, clock);
        }
    }
}
