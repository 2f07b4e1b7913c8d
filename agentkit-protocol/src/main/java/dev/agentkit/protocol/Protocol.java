package dev.agentkit.protocol;

import java.util.regex.Pattern;

/**
 * The fixed names of the Synadia Agent Protocol for NATS (v0.3) that agentkit speaks: the service
 * name every protocol agent registers under, its endpoint names and queue group, the protocol
 * version, the error and sender headers, and the subjects a host chooses for itself. Callers never
 * build another agent's prompt or status subject from these: they read it from discovery
 * ({@link ProtocolDiscovery}); only the heartbeat subject is fixed by the protocol.
 */
public final class Protocol {
    /** The micro-service name of every protocol agent; {@code $SRV.INFO.agents} lists them. */
    public static final String SERVICE_NAME = "agents";
    /** The name of the endpoint that takes prompts. */
    public static final String PROMPT = "prompt";
    /** The name of the endpoint that answers status requests. */
    public static final String STATUS = "status";
    /** The queue group of the prompt and status endpoints. */
    public static final String QUEUE_GROUP = "agents";
    /** The protocol version agentkit implements (MAJOR.MINOR). */
    public static final String VERSION = "0.3";
    /** The header carrying an error's numeric code. */
    public static final String ERROR_CODE_HEADER = "Nats-Service-Error-Code";
    /** The header carrying an error's description. */
    public static final String ERROR_HEADER = "Nats-Service-Error";
    /** The sender-identity extension's header (§13). */
    public static final String SENDER_HEADER = "Agent-Sender";
    /** The prompt endpoint's metadata key for the largest request it takes. */
    public static final String MAX_PAYLOAD = "max_payload";
    /** The prompt endpoint's metadata key saying whether it takes attachments. */
    public static final String ATTACHMENTS_OK = "attachments_ok";
    /** The prompt endpoint's metadata key naming what it needs of a sender ({@code any} or {@code signed}). */
    public static final String MIN_SENDER_TRUST = "min_sender_trust";

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9_-]{1,63}");

    private Protocol() {
    }

    /** {@code agents.<verb>.<agent>.<owner>.<name>}: the default subject a host gives its own endpoint. */
    static String subject(String verb, String agent, String owner, String name) {
        return "agents." + verb + "." + token(agent, "agent") + "." + token(owner, "owner") + "." + token(name, "name");
    }

    /** The protocol-fixed heartbeat subject of an agent. */
    public static String heartbeatSubject(String agent, String owner, String name) {
        return subject("hb", agent, owner, name);
    }

    /** {@code value} if it is a lower-case subject token the protocol recommends; else an exception naming {@code what}. */
    static String token(String value, String what) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-63 of a-z, 0-9, '-' and '_', was " + value);
        }
        return value;
    }
}
