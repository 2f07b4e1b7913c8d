package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait after {@code M_LIMIT_EXCEEDED}, and the wait itself on the configured clock.
 * Honours both the body's {@code retry_after_ms} and the {@code Retry-After} header (seconds or an
 * HTTP date), taking the longer when both are given; without either, the default wait doubles
 * per retry.
 */
final class RateLimitWait {
    private final MatrixClientConfig config;

    RateLimitWait(MatrixClientConfig config) {
        this.config = config;
    }

    Duration waitFor(JsonNode error, HttpHeaders headers, int retry) {
        Optional<Duration> body = error.path("retry_after_ms").canConvertToLong()
                ? Optional.of(Duration.ofMillis(Math.max(0, error.get("retry_after_ms").asLong())))
                : Optional.empty();
        Optional<Duration> header = headers.firstValue("Retry-After").flatMap(this::parseRetryAfter);
        if (body.isEmpty() && header.isEmpty()) {
            return config.defaultRetryWait().multipliedBy(1L << Math.min(retry, 10));
        }
        Duration b = body.orElse(Duration.ZERO);
        Duration h = header.orElse(Duration.ZERO);
        return b.compareTo(h) >= 0 ? b : h;
    }

    private Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(config.clock().now(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits {@code d} on the configured clock: the system clock parks the thread, the virtual
     * clock of tests skips the wait.
     */
    void pause(Duration d, String call) {
        try {
            config.clock().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixException(call, "interrupted while waiting out a rate limit", e);
        } catch (IllegalStateException e) {
            throw new MatrixException(call, "the rate-limit wait of " + d.toMillis() + " ms did not end", e);
        }
    }
}
