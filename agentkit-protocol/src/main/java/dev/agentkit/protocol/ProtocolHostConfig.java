package dev.agentkit.protocol;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link ProtocolHost} presents an agentkit agent as a protocol agent: its identity
 * ({@code metadata.agent}, owner, instance name), the direct identity its questions come from and
 * answers return to ({@code work.direct.<hostName>}), the protocol's timings, and who may prompt
 * it. Built with {@link #builder(String, String)}.
 *
 * @param agentId           {@code metadata.agent} and the subjects' third token ({@code agentkit})
 * @param owner             {@code metadata.owner}: the operator or team
 * @param name              the instance name (defaults to the agentkit agent's name)
 * @param hostName          the host's own direct identity on the team's bus
 * @param heartbeatInterval how often the heartbeat beats (30 s)
 * @param keepAlive         how often an {@code ack} keeps a waiting stream alive (20 s, within the callers' 60 s)
 * @param answerWait        how long a prompt's stream waits for the agent's turn to answer (5 min)
 * @param maxPayload        the largest prompt taken, advertised as {@code max_payload} (1 MiB, at most the server's)
 * @param allowSenders      user NKEYs ({@code U...}) or agent IDs ({@code account.user}) that may prompt;
 *                          empty: whoever NATS lets publish to the prompt subject
 * @param replayWindow      the signed time's allowed skew and the nonce set's horizon (30 s)
 * @param requestTurn       whether a prompt asks for a turn of the agent now
 */
public record ProtocolHostConfig(String agentId, String owner, String name, String hostName, Duration heartbeatInterval,
                                 Duration keepAlive, Duration answerWait, long maxPayload, Set<String> allowSenders,
                                 Duration replayWindow, boolean requestTurn) {
    public ProtocolHostConfig {
        Protocol.token(agentId, "agent");
        Protocol.token(owner, "owner");
        Protocol.token(name, "name");
        Objects.requireNonNull(hostName, "hostName");
        allowSenders = Set.copyOf(allowSenders);
        if (heartbeatInterval.toSeconds() < 1 || keepAlive.isNegative() || keepAlive.isZero() || answerWait.isNegative()
                || maxPayload <= 0) {
            throw new IllegalArgumentException("a protocol host needs a heartbeat of 1 s or more and positive waits");
        }
    }

    /** A builder for the agent {@code name} of {@code owner}, hosted as {@code agentkit}. */
    public static Builder builder(String owner, String name) {
        return new Builder(owner, name);
    }

    /** The prompt endpoint's subject. */
    public String promptSubject() {
        return Protocol.subject(Protocol.PROMPT, agentId, owner, name);
    }

    /** The status endpoint's subject. */
    public String statusSubject() {
        return Protocol.subject(Protocol.STATUS, agentId, owner, name);
    }

    /** The heartbeat's subject. */
    public String heartbeatSubject() {
        return Protocol.heartbeatSubject(agentId, owner, name);
    }

    /** Builds a {@link ProtocolHostConfig}. */
    public static final class Builder {
        private String agentId = "agentkit";
        private final String owner;
        private final String name;
        private String hostName;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration keepAlive = Duration.ofSeconds(20);
        private Duration answerWait = Duration.ofMinutes(5);
        private long maxPayload = 1024 * 1024;
        private final Set<String> allowSenders = new LinkedHashSet<>();
        private Duration replayWindow = Duration.ofSeconds(30);
        private boolean requestTurn = true;

        private Builder(String owner, String name) {
            this.owner = owner;
            this.name = name;
            this.hostName = name + "-protocol";
        }

        /** {@code metadata.agent} ({@code agentkit}). */
        public Builder agentId(String id) {
            this.agentId = id;
            return this;
        }

        /** The host's direct identity ({@code <name>-protocol}): questions come from it, answers go to {@code work.direct.<it>}. */
        public Builder hostName(String n) {
            this.hostName = n;
            return this;
        }

        /** The heartbeat's interval (30 s). */
        public Builder heartbeatInterval(Duration d) {
            this.heartbeatInterval = d;
            return this;
        }

        /** The keep-alive interval of a waiting stream (20 s). */
        public Builder keepAlive(Duration d) {
            this.keepAlive = d;
            return this;
        }

        /** How long a prompt waits for the agent's answer before saying where it will appear (5 min). */
        public Builder answerWait(Duration d) {
            this.answerWait = d;
            return this;
        }

        /** The largest prompt in bytes (1 MiB). */
        public Builder maxPayload(long bytes) {
            this.maxPayload = bytes;
            return this;
        }

        /** Only these verified senders (user NKEYs or agent IDs) may prompt; the endpoint then requires signed requests. */
        public Builder allowSenders(List<String> senders) {
            this.allowSenders.addAll(senders);
            return this;
        }

        /** The replay window of signed requests (30 s). */
        public Builder replayWindow(Duration d) {
            this.replayWindow = d;
            return this;
        }

        /** Whether a prompt asks for a turn of the agent at once (yes). */
        public Builder requestTurn(boolean yes) {
            this.requestTurn = yes;
            return this;
        }

        /** The config. */
        public ProtocolHostConfig build() {
            return new ProtocolHostConfig(agentId, owner, name, hostName, heartbeatInterval, keepAlive, answerWait, maxPayload,
                    allowSenders, replayWindow, requestTurn);
        }
    }
}
