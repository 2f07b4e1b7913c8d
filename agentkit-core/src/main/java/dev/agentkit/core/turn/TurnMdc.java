package dev.agentkit.core.turn;

/**
 * The slf4j MDC keys the turn cycle sets on every log line of a turn, for log patterns
 * ({@code %X{agentkit.requirement}}) and tracing bridges. The agent and turn keys hold for the
 * whole turn; the message, subject and requirement keys while a message is processed.
 */
public final class TurnMdc {
    /** The agent's name. */
    public static final String AGENT = "agentkit.agent";
    /** The turn's id, e.g. {@code roy-12}. */
    public static final String TURN = "agentkit.turn";
    /** The id of the message being processed. */
    public static final String MESSAGE = "agentkit.message";
    /** The subject of the message being processed. */
    public static final String SUBJECT = "agentkit.subject";
    /** The requirement the message is about: its body's {@code requirement} or {@code id} field. */
    public static final String REQUIREMENT = "agentkit.requirement";

    private TurnMdc() {
    }
}
