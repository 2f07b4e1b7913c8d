package dev.agentkit.protocol;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one payload that the host's heartbeat and its {@code status} endpoint both send
 * (§8.3, §8.7.1): the protocol's fields ({@code agent}, {@code owner}, {@code session},
 * {@code instance_id}, {@code ts}, {@code interval_s}, {@code protocol_version},
 * {@code endpoints}) and, read fresh from the agent's state each time, {@code paused} and
 * {@code paused_by} ({@code AgentControl}), {@code pending} and {@code in_progress}
 * ({@code Broker.status} of its work consumer) and {@code last_turn} (its last turn's summary).
 */
final class HostStatus {
    private static final Logger log = LoggerFactory.getLogger(HostStatus.class);

    private final AgentConfig agent;
    private final AgentRuntime runtime;
    private final ProtocolHostConfig host;
    private final Map<String, String> promptMetadata;
    private final Clock clock;

    HostStatus(AgentConfig agent, AgentRuntime runtime, ProtocolHostConfig host, Map<String, String> promptMetadata, Clock clock) {
        this.agent = agent;
        this.runtime = runtime;
        this.host = host;
        this.promptMetadata = Map.copyOf(promptMetadata);
        this.clock = clock;
    }

    byte[] payload(String instanceId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("agent", host.agentId());
        p.put("owner", host.owner());
        p.put("session", host.name());
        p.put("instance_id", instanceId);
        p.put("ts", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("interval_s", host.heartbeatInterval().toSeconds());
        p.put("protocol_version", Protocol.VERSION);
        p.put("endpoints", Map.of(Protocol.PROMPT, Map.of("subject", host.promptSubject(), "metadata", promptMetadata)));
        String name = agent.name();
        p.put("paused", runtime.control().isPaused(name));
        runtime.control().pausedBy(name).ifPresent(by -> p.put("paused_by", by));
        try {
            ConsumerStatus s = runtime.broker().status(ConsumerRef.of(runtime.topology().consumersFor(name, agent.role()).work()));
            p.put("pending", s.pending());
            p.put("in_progress", s.ackPending());
        } catch (BrokerException e) {
            log.debug("no queue counts for {}'s status: {}", name, e.getMessage());
        }
        runtime.control().lastReport(name).ifPresent(r -> p.put("last_turn", r));
        return Json.write(p);
    }
}
