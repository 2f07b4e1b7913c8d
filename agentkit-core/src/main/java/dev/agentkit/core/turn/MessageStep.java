package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.ConsumerSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Steps 3 and 4 of the turn, before work: direct messages (questions answered, answers handed over) and the
 * coordination streams. Each consumer is read until empty or {@link #MAX_PER_CONSUMER} messages,
 * without waiting, and not at all once a usage budget or provider quota stopped the turn or its
 * lease was lost; messages are settled like work items. A question's answer goes only to the
 * direct subject of an agent ({@code work.direct.<agent>}, by {@code Topology.directAgent}): a
 * question whose {@code Agentkit-Reply-To} names any other subject is ignored with a warning, so
 * whoever may write to an agent's direct subject cannot make it publish elsewhere as itself. An
 * answer's message id derives from the question's stream and sequence, so answering a redelivered
 * question publishes nothing twice.
 */
final class MessageStep {
    private static final Logger log = LoggerFactory.getLogger(MessageStep.class);
    static final int MAX_PER_CONSUMER = 200;
    private static final int BATCH = 50;
    /** The most characters of a sender, correlation or subject from a message that a log line shows. */
    static final int SHOWN = 80;

    private final TurnBasedAgent agent;

    MessageStep(TurnBasedAgent agent) {
        this.agent = agent;
    }

    void direct(Turn turn) {
        drain(turn, turn.consumers.direct(), d -> {
            turn.tally.directMessages++;
            return handleDirect(turn, d);
        });
    }

    /** Reads every coordination consumer; the agent's own announcements are acked without the hook. */
    void coordination(Turn turn) {
        for (ConsumerSpec spec : turn.consumers.coordination()) {
            drain(turn, spec, d -> {
                if (agent.config().name().equals(d.envelope().header(Headers.SENDER).orElse(null))) {
                    return Outcome.done();
                }
                turn.tally.coordination++;
                agent.onCoordination(d.subject(), d.envelope());
                return Outcome.done();
            });
        }
    }

    private Outcome handleDirect(Turn turn, Delivery d) {
        Envelope e = d.envelope();
        String correlation = e.header(Headers.CORRELATION_ID).orElseGet(() -> d.stream() + ":" + d.streamSequence());
        String from = e.header(Headers.SENDER).orElse("unknown");
        String text = e.json().path("text").asText(e.json().toString());
        boolean isAnswer = DirectMessage.ANSWER.equals(e.header(Headers.TYPE).orElse(""));
        DirectMessage message = new DirectMessage(correlation, from, text, isAnswer, e);
        if (isAnswer) {
            agent.onAnswer(message);
            return Outcome.done();
        }
        Optional<String> replyTo = e.header(Headers.REPLY_TO);
        if (replyTo.isPresent() && agent.runtime().topology().directAgent(replyTo.get()).isEmpty()) {
            log.warn("{} ignores question {} from {}: its reply-to {} is not an agent's direct subject",
                    agent.config().name(), shown(correlation), shown(from), shown(replyTo.get()));
            return Outcome.done();
        }
        Optional<String> answer = agent.onQuestion(message);
        if (answer.isPresent() && replyTo.isPresent()) {
            Envelope reply = Envelope.ofJson(java.util.Map.of("text", answer.get()))
                    .withHeader(Headers.TYPE, DirectMessage.ANSWER)
                    .withHeader(Headers.CORRELATION_ID, correlation);
            turn.outbox.publishNow(replyTo.get(), reply,
                    agent.config().name() + ":answer:" + d.stream() + ":" + d.streamSequence(), d.deliveryCount() == 1);
        } else if (answer.isEmpty()) {
            log.info("{} has no answer to {}'s question {}", agent.config().name(), shown(from), shown(correlation));
        }
        return Outcome.done();
    }

    /** Text from a message made fit for a log line: one line of printable ASCII, at most {@link #SHOWN} characters. */
    static String shown(String text) {
        String safe = HeaderValues.safe(text);
        return safe.length() <= SHOWN ? "'" + safe + "'" : "'" + safe.substring(0, SHOWN - 3) + "...'";
    }

    private void drain(Turn turn, ConsumerSpec spec, DeliveryProcessor.Handler handler) {
        ConsumerRef ref = ConsumerRef.of(spec);
        int seen = 0;
        try {
            while (seen < MAX_PER_CONSUMER && !turn.budget.stopped() && !turn.heartbeat.leaseLost()) {
                List<Delivery> batch = turn.fetches.fetch(ref, Math.min(BATCH, MAX_PER_CONSUMER - seen));
                if (batch.isEmpty()) {
                    return;
                }
                seen += batch.size();
                TurnTally scratch = new TurnTally();
                for (Delivery d : batch) {
                    MDC.put(TurnMdc.MESSAGE, d.envelope().id().orElseGet(() -> d.stream() + ":" + d.streamSequence()));
                    try {
                        turn.processor.process(d, spec, handler, () -> { }, scratch);
                    } finally {
                        MDC.remove(TurnMdc.MESSAGE);
                    }
                }
                turn.tally.deadLettered += scratch.deadLettered;
            }
        } catch (BrokerException e) {
            log.warn("{} could not read {}: {}", agent.config().name(), ref, e.getMessage());
        }
    }
}
