package dev.agentkit.protocol;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.protocol.internal.PayloadSize;
import io.nats.client.Connection;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an agentkit agent a protocol agent (opt-in): registers it with jnats' micro-service API
 * as the service {@code agents} with the protocol's metadata, a {@code prompt} endpoint (queue
 * group {@code agents}, {@code max_payload}, {@code attachments_ok: false},
 * {@code min_sender_trust}) and a {@code status} endpoint, and beats its heartbeat on
 * {@code agents.hb.<agent>.<owner>.<name>}. Status and heartbeat report the agent's state
 * ({@link HostStatus}); a prompt becomes a direct question to the agent on the team's bus, answered
 * in the prompt's stream when the agent's turn answers it ({@link PromptRelay}, which needs the
 * agent's {@code onQuestion} to answer). {@code nats micro ls} and any protocol client find it.
 * Close it to deregister.
 */
public final class ProtocolHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProtocolHost.class);
    /** Prompts served at once; one more is refused with 429. */
    static final int MAX_CONCURRENT_PROMPTS = 16;

    private final Connection connection;
    private final ProtocolHostConfig config;
    private final Service service;
    private final DirectAnswers answers;
    private final ExecutorService prompts;
    private final ScheduledExecutorService beats;

    private ProtocolHost(Connection connection, ProtocolHostConfig config, AgentConfig agent, AgentRuntime runtime) {
        this.connection = connection;
        this.config = config;
        long serverMax = connection.getServerInfo() == null ? 0 : connection.getServerInfo().getMaxPayload();
        long maxPayload = serverMax > 0 ? Math.min(config.maxPayload(), serverMax) : config.maxPayload();
        SenderCheck senders = new SenderCheck(config.allowSenders(), config.replayWindow(), Clock.systemUTC());
        Map<String, String> promptMeta = new LinkedHashMap<>();
        promptMeta.put(Protocol.MAX_PAYLOAD, PayloadSize.format(maxPayload));
        promptMeta.put(Protocol.ATTACHMENTS_OK, "false");
        promptMeta.put(Protocol.MIN_SENDER_TRUST, senders.minSenderTrust());
        this.answers = new DirectAnswers(connection, runtime.topology().directSubject(config.hostName()));
        this.prompts = new ThreadPoolExecutor(0, MAX_CONCURRENT_PROMPTS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("agentkit-protocol-prompt-" + config.name()));
        this.beats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemon("agentkit-protocol-hb-" + config.name()));
        PromptRelay relay = new PromptRelay(connection, agent, runtime, config, senders, answers, maxPayload);
        HostStatus status = new HostStatus(agent, runtime, config, promptMeta, Clock.systemUTC());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("agent", config.agentId());
        meta.put("owner", config.owner());
        meta.put("session", config.name());
        meta.put("protocol_version", Protocol.VERSION);
        meta.put("agentkit_role", agent.role());
        ServiceHolder holder = new ServiceHolder();
        this.service = Service.builder().connection(connection).name(Protocol.SERVICE_NAME).version(version())
                .description("agentkit agent " + agent.name() + " (" + agent.role() + ")").metadata(meta)
                .addServiceEndpoint(ServiceEndpoint.builder().endpointName(Protocol.PROMPT).endpointSubject(config.promptSubject())
                        .endpointQueueGroup(Protocol.QUEUE_GROUP).endpointMetadata(promptMeta).handler(msg -> dispatch(relay, msg)).build())
                .addServiceEndpoint(ServiceEndpoint.builder().endpointName(Protocol.STATUS).endpointSubject(config.statusSubject())
                        .endpointQueueGroup(Protocol.QUEUE_GROUP).handler(msg -> status(status, holder, msg)).build())
                .build();
        holder.service = service;
        service.startService();
        beats.scheduleAtFixedRate(() -> beat(status), 0, config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} is protocol agent {} (instance {}) on {}", agent.name(), config.agentId() + "/" + config.owner() + "/"
                + config.name(), service.getId(), config.promptSubject());
    }

    /** Registers {@code agent} as a protocol agent on {@code connection} and starts its heartbeat. */
    public static ProtocolHost start(TurnBasedAgent agent, Connection connection, ProtocolHostConfig config) {
        return new ProtocolHost(connection, config, agent.config(), agent.runtime());
    }

    /** The micro-service instance id ({@code instance_id} in heartbeats). */
    public String instanceId() {
        return service.getId();
    }

    /** The config it was started with. */
    public ProtocolHostConfig config() {
        return config;
    }

    private void dispatch(PromptRelay relay, ServiceMessage msg) {
        try {
            prompts.execute(() -> relay.handle(msg));
        } catch (RejectedExecutionException e) {
            msg.respondStandardError(connection, "too many prompts at once", 429);
            msg.respond(connection, new byte[0]);
        }
    }

    private void status(HostStatus status, ServiceHolder holder, ServiceMessage msg) {
        try {
            msg.respond(connection, status.payload(holder.service.getId()));
        } catch (RuntimeException e) {
            log.warn("{} failed to build its status: {}", config.statusSubject(), e.toString());
            msg.respondStandardError(connection, "status handler error", 500);
        }
    }

    private void beat(HostStatus status) {
        try {
            connection.publish(config.heartbeatSubject(), status.payload(service.getId()));
        } catch (RuntimeException e) {
            log.warn("{} missed a heartbeat: {}", config.heartbeatSubject(), e.toString());
        }
    }

    /** Deregisters the service, stops the heartbeat and abandons prompts still waiting. */
    @Override
    public void close() {
        beats.shutdownNow();
        service.stop();
        answers.close();
        prompts.shutdownNow();
    }

    private static String version() {
        String v = ProtocolHost.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The service, for the status handler built before it. */
    private static final class ServiceHolder {
        volatile Service service;
    }
}
