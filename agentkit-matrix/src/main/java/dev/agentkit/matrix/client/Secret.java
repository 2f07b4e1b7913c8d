package dev.agentkit.matrix.client;

import java.util.Objects;

/**
 * A password or access token that must never reach a log line, an exception message or a
 * {@code toString}: it prints as {@code <redacted>} and only this package reads its value. Made by
 * users for {@code MatrixChatConfig} and {@link MatrixClient#withAccessToken}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps {@code value}.
     *
     * @throws IllegalArgumentException if it is null or blank
     */
    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text} by {@code <redacted>}. */
    String redactFrom(String text) {
        return text == null ? null : text.replace(value, "<redacted>");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
