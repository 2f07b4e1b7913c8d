package dev.agentkit.core.turn;

import dev.agentkit.core.message.Envelope;

/**
 * A message between two agents on the DIRECT stream: a question from {@code TurnBasedAgent.ask},
 * or the answer to one, tied together by the correlation id. Handed to {@code onQuestion} and
 * {@code onAnswer}.
 *
 * @param correlationId ties an answer to its question
 * @param from          the sending agent
 * @param text          the question or answer
 * @param answer        whether this is an answer (else a question)
 * @param envelope      the raw message
 */
public record DirectMessage(String correlationId, String from, String text, boolean answer, Envelope envelope) {
    static final String QUESTION = "question";
    static final String ANSWER = "answer";
}
