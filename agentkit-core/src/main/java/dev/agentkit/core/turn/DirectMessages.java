package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.Topology;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct-message protocol between agents, both sides, for one turn. {@link #ask} publishes a
 * question to another agent's direct subject with a correlation id {@code <turn id>-q<n>} (new in
 * every turn, since the turn's number is saved before it is used) and this agent's direct subject
 * as {@code Agentkit-Reply-To}. {@link #receive} hands an answer to {@code onAnswer}, and a
 * question to {@code onQuestion}, publishing its answer to the reply-to subject with the same
 * correlation id. A question's answer goes only to the direct subject of an agent
 * ({@code work.direct.<agent>}, by {@code Topology.directAgent}): a question whose reply-to names
 * any other subject is ignored with a warning, so whoever may write to an agent's direct subject
 * cannot make it publish elsewhere as itself. An answer's message id derives from the question's
 * stream and sequence, so answering a redelivered question publishes nothing twice.
 */
final class DirectMessages {
    private static final Logger log = LoggerFactory.getLogger(DirectMessages.class);
    /** The most characters of a sender, correlation or subject from a message that a log line shows. */
    static final int SHOWN = 80;

    private final String agent;
    private final Topology topology;
    private final String turnId;
    private final Outbox outbox;
    private int asked;

    DirectMessages(String agent, Topology topology, String turnId, Outbox outbox) {
        this.agent = agent;
        this.topology = topology;
        this.turnId = turnId;
        this.outbox = outbox;
    }

    /** Asks {@code otherAgent} {@code question} now; returns the correlation id its answer will carry. */
    String ask(String otherAgent, String question) {
        String correlation = turnId + "-q" + (++asked);
        Envelope e = Envelope.ofJson(Map.of("text", question))
                .withHeader(Headers.TYPE, DirectMessage.QUESTION)
                .withHeader(Headers.CORRELATION_ID, correlation)
                .withHeader(Headers.REPLY_TO, topology.directSubject(agent));
        outbox.publishNow(topology.directSubject(otherAgent), e, agent + ":ask:" + correlation, true);
        return correlation;
    }

    /** Hands a direct message to the agent's hooks, and answers a question; settled as done. */
    Outcome receive(Delivery d, AgentHooks hooks) {
        Envelope e = d.envelope();
        String correlation = e.header(Headers.CORRELATION_ID).orElseGet(() -> Settlement.itemId(d));
        String from = e.header(Headers.SENDER).orElse("unknown");
        String text = e.json().path("text").asText(e.json().toString());
        boolean isAnswer = DirectMessage.ANSWER.equals(e.header(Headers.TYPE).orElse(""));
        DirectMessage message = new DirectMessage(correlation, from, text, isAnswer, e);
        if (isAnswer) {
            hooks.answer(message);
            return Outcome.done();
        }
        Optional<String> replyTo = e.header(Headers.REPLY_TO);
        if (replyTo.isPresent() && topology.directAgent(replyTo.get()).isEmpty()) {
            log.warn("{} ignores question {} from {}: its reply-to {} is not an agent's direct subject",
                    agent, shown(correlation), shown(from), shown(replyTo.get()));
            return Outcome.done();
        }
        Optional<String> answer = hooks.question(message);
        if (answer.isPresent() && replyTo.isPresent()) {
            Envelope reply = Envelope.ofJson(Map.of("text", answer.get()))
                    .withHeader(Headers.TYPE, DirectMessage.ANSWER)
                    .withHeader(Headers.CORRELATION_ID, correlation);
            outbox.publishNow(replyTo.get(), reply, agent + ":answer:" + d.stream() + ":" + d.streamSequence(),
                    d.deliveryCount() == 1);
        } else if (answer.isEmpty()) {
            log.info("{} has no answer to {}'s question {}", agent, shown(from), shown(correlation));
        }
        return Outcome.done();
    }

    /** Text from a message made fit for a log line: one line of printable ASCII, at most {@link #SHOWN} characters. */
    static String shown(String text) {
        String safe = HeaderValues.safe(text);
        return safe.length() <= SHOWN ? "'" + safe + "'" : "'" + safe.substring(0, SHOWN - 3) + "...'";
    }
}
