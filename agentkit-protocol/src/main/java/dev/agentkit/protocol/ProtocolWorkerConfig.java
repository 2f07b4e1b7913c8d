package dev.agentkit.protocol;

import dev.agentkit.core.agent.AgentDefinition;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ProtocolWorker} uses its protocol agent: which one ({@link AgentSelector}), the
 * system prompt sent before each item, and the bounds of every wait.
 *
 * @param selector      the protocol agent that does the work
 * @param systemPrompt  sent first in every prompt (a character sheet's rendering, or empty)
 * @param silence       a stream with no chunk, keep-alives included, for this long is given up (the item is retried)
 * @param maxWait       the longest one item's stream may run
 * @param queryTimeout  how long a mid-stream question waits for a human's answer in the chat
 * @param chatPoll      how often the chat is read while a question waits
 * @param retryDelay    the delay of a transient failure's retry (agent gone, silent, busy)
 * @param discoveryWait how long discovery collects replies
 */
public record ProtocolWorkerConfig(AgentSelector selector, String systemPrompt, Duration silence, Duration maxWait,
                                   Duration queryTimeout, Duration chatPoll, Duration retryDelay, Duration discoveryWait) {
    public ProtocolWorkerConfig {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        for (Duration d : new Duration[]{silence, maxWait, queryTimeout, chatPoll, retryDelay, discoveryWait}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every wait of a protocol worker must be positive: " + d);
            }
        }
    }

    /** A builder for the agent {@code selector} names. */
    public static Builder builder(AgentSelector selector) {
        return new Builder(selector);
    }

    /** Builds a {@link ProtocolWorkerConfig}; defaults follow the protocol's recommendations. */
    public static final class Builder {
        private final AgentSelector selector;
        private String systemPrompt = "";
        private Duration silence = Duration.ofSeconds(60);
        private Duration maxWait = Duration.ofMinutes(10);
        private Duration queryTimeout = Duration.ofMinutes(5);
        private Duration chatPoll = Duration.ofSeconds(2);
        private Duration retryDelay = Duration.ofSeconds(30);
        private Duration discoveryWait = Duration.ofSeconds(1);

        private Builder(AgentSelector selector) {
            this.selector = selector;
        }

        /** The system prompt, as is. */
        public Builder systemPrompt(String prompt) {
            this.systemPrompt = prompt;
            return this;
        }

        /** The system prompt a character sheet renders ({@link AgentDefinition#systemPrompt()}). */
        public Builder systemPrompt(AgentDefinition definition) {
            return systemPrompt(definition.systemPrompt());
        }

        /** Silence after which a stream is given up (60 s, the protocol's recommended inactivity timeout). */
        public Builder silence(Duration d) {
            this.silence = d;
            return this;
        }

        /** The bound of one item's stream (10 min). */
        public Builder maxWait(Duration d) {
            this.maxWait = d;
            return this;
        }

        /** How long a question waits for a human (5 min). */
        public Builder queryTimeout(Duration d) {
            this.queryTimeout = d;
            return this;
        }

        /** How often the chat is read while a question waits (2 s). */
        public Builder chatPoll(Duration d) {
            this.chatPoll = d;
            return this;
        }

        /** The delay before a transient failure is retried (30 s). */
        public Builder retryDelay(Duration d) {
            this.retryDelay = d;
            return this;
        }

        /** How long discovery collects replies (1 s). */
        public Builder discoveryWait(Duration d) {
            this.discoveryWait = d;
            return this;
        }

        /** The config. */
        public ProtocolWorkerConfig build() {
            return new ProtocolWorkerConfig(selector, systemPrompt, silence, maxWait, queryTimeout, chatPoll, retryDelay,
                    discoveryWait);
        }
    }
}
