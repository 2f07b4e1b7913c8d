package dev.agentkit.protocol;

import java.time.Duration;

/**
 * How a prompt's response stream ended, as {@link PromptCall} saw it; the {@link ProtocolWorker}
 * turns it into an {@code Outcome} ({@link Outcomes}).
 */
public sealed interface StreamEnd {

    /** The terminator arrived: {@code text} is every {@code response} chunk's text, in order. */
    record Completed(String text) implements StreamEnd {
    }

    /** Nothing was sent: the prompt breaks the endpoint's advertised limits (§5.4). */
    record Refused(String reason) implements StreamEnd {
    }

    /**
     * The agent answered with an error frame (§9).
     *
     * @param code        {@code Nats-Service-Error-Code}
     * @param description {@code Nats-Service-Error}, or the JSON body's {@code message}
     * @param retryAfter  the body's {@code retry_after_s}, zero when absent
     */
    record Failed(int code, String description, Duration retryAfter) implements StreamEnd {
    }

    /** No chunk, not even a keep-alive, came for {@code silence}: the agent is gone or the stream lost. */
    record Silent(Duration silence) implements StreamEnd {
    }

    /** No agent listens on the prompt subject any more. */
    record NoResponders(String subject) implements StreamEnd {
    }

    /** The stream ran past its overall bound. */
    record TooLong(Duration maxWait) implements StreamEnd {
    }

    /** The agent asked {@code query} and no answer could be had; the stream was abandoned. */
    record Unanswered(Chunk.Query query, String why) implements StreamEnd {
    }

    /** The agent sent something the protocol does not allow. */
    record Broken(String reason) implements StreamEnd {
    }
}
