package dev.agentkit.routing.anthropic;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.routing.llm.LanguageModelException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How {@link AnthropicLanguageModel} calls the Messages API: key, model, base URL, answer length,
 * request timeout and retries. Immutable; made with {@link #builder()} or {@link #ofDefaults()}.
 * The key comes from {@link Builder#apiKey} or else the {@value #API_KEY_ENV} environment
 * variable; it is never logged nor shown by {@link #toString()}.
 *
 * <p>Retries: a 429, 529, 500 or 503 answer is retried up to {@link #maxAttempts()} attempts in
 * all. The wait before attempt {@code n+1} is the answer's {@code retry-after} seconds when it
 * sends one, else {@code initialBackoff × 2^(n-1)}; a wait longer than {@link #maxBackoff()}
 * ends the retries instead of cutting the server's request short. A timed-out request is not
 * retried, so one call takes at most {@code maxAttempts × timeout} plus the waits.
 */
public final class AnthropicConfig {
    /** The environment variable the key is read from when none is given. */
    public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";
    /** The public API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    /** A small, fast model: routing needs one word. */
    public static final String DEFAULT_MODEL = "claude-haiku-4-5";
    /** The most tokens an answer may have: plenty for a role name or a short reply. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** How long one request may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The first attempt and three retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** The first backoff without {@code retry-after}: 1 s, then 2 s, 4 s, ... */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** The longest wait between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private final String apiKey;
    private final String model;
    private final URI baseUrl;
    private final int maxTokens;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    private AnthropicConfig(Builder b, String apiKey) {
        this.apiKey = apiKey;
        this.model = b.model;
        this.baseUrl = b.baseUrl;
        this.maxTokens = b.maxTokens;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.sleeper = b.sleeper;
    }

    /** The defaults, with the key from {@value #API_KEY_ENV}. */
    public static AnthropicConfig ofDefaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    String apiKey() {
        return apiKey;
    }

    /** The model id sent with every request. */
    public String model() {
        return model;
    }

    /** Where requests go: {@code POST {baseUrl}/v1/messages}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The most tokens an answer may have. */
    public int maxTokens() {
        return maxTokens;
    }

    /** How long one request may take, connection included. */
    public Duration timeout() {
        return timeout;
    }

    /** The most attempts of one call, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after the first retryable answer without {@code retry-after}; doubled each time. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest wait between attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** What waits between attempts. */
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public String toString() {
        return "AnthropicConfig[model=" + model + ", baseUrl=" + baseUrl + ", maxTokens=" + maxTokens + ", timeout="
                + timeout + ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + "]";
    }

    /** Builds an {@link AnthropicConfig}; setters validate at once, {@link #build()} finds the key. */
    public static final class Builder {
        private String apiKey;
        private String model = DEFAULT_MODEL;
        private URI baseUrl = DEFAULT_BASE_URL;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Sleeper sleeper = Sleeper.on(AgentClock.system());
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /** The API key; without it, {@link #build()} reads {@value #API_KEY_ENV}. */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("the Anthropic API key must not be blank");
            }
            this.apiKey = key.strip();
            return this;
        }

        /** The model id, e.g. {@code claude-sonnet-4-5}. */
        public Builder model(String model) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            this.model = model.strip();
            return this;
        }

        /** The API's base URL, http or https, without {@code /v1/messages}; a local server in tests. */
        public Builder baseUrl(String url) {
            URI uri = URI.create(Objects.requireNonNull(url, "url").replaceAll("/+$", ""));
            if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + url + "'");
            }
            this.baseUrl = uri;
            return this;
        }

        /** The most tokens an answer may have ({@code max_tokens}). */
        public Builder maxTokens(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTokens must be positive, was " + n);
            }
            this.maxTokens = n;
            return this;
        }

        /** How long one request may take, connection included. */
        public Builder timeout(Duration d) {
            this.timeout = positive("timeout", d);
            return this;
        }

        /** The most attempts of one call, the first included (1 for no retries). */
        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /** The wait after the first retryable answer without {@code retry-after}; doubled each time. */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = positive("initialBackoff", d);
            return this;
        }

        /** The longest wait between attempts; a longer {@code retry-after} ends the retries. */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = positive("maxBackoff", d);
            return this;
        }

        /** What waits between attempts; tests pass one that records instead of waiting. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Waits between attempts on {@code clock}. */
        public Builder clock(AgentClock clock) {
            return sleeper(Sleeper.on(Objects.requireNonNull(clock, "clock")));
        }

        /** Where {@link #build()} looks up {@value #API_KEY_ENV}; for tests. */
        Builder environment(UnaryOperator<String> environment) {
            this.environment = environment;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws LanguageModelException when no key was given and {@value #API_KEY_ENV} is unset
         * @throws IllegalStateException  when {@code maxBackoff} is shorter than {@code initialBackoff}
         */
        public AnthropicConfig build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                        + initialBackoff);
            }
            String key = apiKey;
            if (key == null) {
                String fromEnv = environment.apply(API_KEY_ENV);
                key = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
            }
            if (key == null) {
                throw new LanguageModelException("no Anthropic API key: set " + API_KEY_ENV + " or call apiKey(...)");
            }
            return new AnthropicConfig(this, key);
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
