package dev.agentkit.protocol;

import dev.agentkit.protocol.internal.PayloadSize;
import io.nats.service.Endpoint;
import io.nats.service.InfoResponse;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One protocol agent instance as discovery ({@code $SRV.INFO.agents}) describes it: its identity
 * from the service metadata, and its prompt endpoint's subject and limits, used verbatim (§4.3).
 * Made by {@link ProtocolDiscovery}; read by {@link PromptCall} and {@link ProtocolWorker}.
 *
 * @param instanceId      the service instance id
 * @param agent           {@code metadata.agent}
 * @param owner           {@code metadata.owner}
 * @param name            the instance name: the prompt subject's last token on the default
 *                        pattern, else {@code metadata.session}, else empty
 * @param protocolVersion {@code metadata.protocol_version}
 * @param promptSubject   the prompt endpoint's subject, as advertised
 * @param maxPayload      the prompt endpoint's {@code max_payload} in bytes, if it says one
 * @param attachmentsOk   whether the prompt endpoint takes attachments ({@code false} unless it says {@code true})
 * @param minSenderTrust  the prompt endpoint's {@code min_sender_trust} ({@code any} when absent)
 */
public record AgentRecord(String instanceId, String agent, String owner, String name, String protocolVersion,
                          String promptSubject, OptionalLong maxPayload, boolean attachmentsOk, String minSenderTrust) {

    /**
     * The record of a service info response, or empty when it is not a protocol agent (another
     * service name, required metadata missing, no prompt endpoint).
     */
    public static Optional<AgentRecord> of(InfoResponse info) {
        Map<String, String> meta = info.getMetadata() == null ? Map.of() : info.getMetadata();
        String agent = meta.get("agent");
        String owner = meta.get("owner");
        String version = meta.get("protocol_version");
        if (!Protocol.SERVICE_NAME.equals(info.getName()) || blank(agent) || blank(owner) || blank(version)
                || info.getEndpoints() == null) {
            return Optional.empty();
        }
        return info.getEndpoints().stream().filter(e -> Protocol.PROMPT.equals(e.getName())).findFirst()
                .map(prompt -> of(info, agent, owner, version, prompt, meta.getOrDefault("session", "")));
    }

    private static AgentRecord of(InfoResponse info, String agent, String owner, String version, Endpoint prompt,
                                  String session) {
        Map<String, String> em = prompt.getMetadata() == null ? Map.of() : prompt.getMetadata();
        String[] tokens = prompt.getSubject().split("\\.");
        String name = tokens.length == 5 && tokens[0].equals("agents") && tokens[1].equals(Protocol.PROMPT) ? tokens[4] : session;
        OptionalLong max = OptionalLong.empty();
        try {
            if (em.containsKey(Protocol.MAX_PAYLOAD)) {
                max = OptionalLong.of(PayloadSize.parse(em.get(Protocol.MAX_PAYLOAD)));
            }
        } catch (IllegalArgumentException unreadable) {
            max = OptionalLong.empty();
        }
        return new AgentRecord(info.getId(), agent, owner, name, version, prompt.getSubject(), max,
                "true".equals(em.get(Protocol.ATTACHMENTS_OK)), em.getOrDefault(Protocol.MIN_SENDER_TRUST, "any"));
    }

    /** Whether this agent speaks the protocol version agentkit does (0.x versions must match exactly, §11.2). */
    public boolean compatible() {
        String[] mine = Protocol.VERSION.split("\\.");
        String[] theirs = protocolVersion.split("[.+-]");
        return theirs.length >= 2 && mine[0].equals(theirs[0]) && mine[1].equals(theirs[1]);
    }

    /** {@code agent/owner/name} for log lines and reasons. */
    public String label() {
        return agent + "/" + owner + "/" + name;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
