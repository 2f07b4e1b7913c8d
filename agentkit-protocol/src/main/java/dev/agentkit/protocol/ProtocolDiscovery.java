package dev.agentkit.protocol;

import io.nats.client.Connection;
import io.nats.service.Discovery;
import io.nats.service.InfoResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds protocol agents with jnats' micro-service discovery: one {@code $SRV.INFO.agents}
 * request, whose replies are collected for a bounded wait, kept when they are protocol agents
 * ({@link AgentRecord#of}). Used by the {@link ProtocolWorker} before every item, so an agent that
 * moved or restarted is found where it is now.
 */
public final class ProtocolDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ProtocolDiscovery.class);
    private static final int MAX_RESULTS = 1000;

    private final Connection connection;
    private final Duration wait;

    /** Discovery on {@code connection}, collecting replies for {@code wait}. */
    public ProtocolDiscovery(Connection connection, Duration wait) {
        this.connection = connection;
        this.wait = wait;
    }

    /** Every protocol agent instance that answered. */
    public List<AgentRecord> all() {
        List<InfoResponse> infos = new Discovery(connection, Math.max(1, wait.toMillis()), MAX_RESULTS).info(Protocol.SERVICE_NAME);
        return infos.stream().map(AgentRecord::of).flatMap(Optional::stream).toList();
    }

    /** The first instance {@code selector} matches that speaks agentkit's protocol version. */
    public Optional<AgentRecord> find(AgentSelector selector) {
        List<AgentRecord> matching = all().stream().filter(selector::matches).toList();
        Optional<AgentRecord> usable = matching.stream().filter(AgentRecord::compatible).findFirst();
        if (usable.isEmpty() && !matching.isEmpty()) {
            log.warn("protocol agent {} speaks protocol {}, not {}", selector, matching.get(0).protocolVersion(), Protocol.VERSION);
        }
        return usable;
    }
}
