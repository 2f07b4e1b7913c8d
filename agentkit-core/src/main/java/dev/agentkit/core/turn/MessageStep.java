package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.ConsumerSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Steps 3 and 4 of the turn, before work: direct messages (through {@link DirectMessages}:
 * questions answered, answers handed over) and the coordination streams. Each consumer is read
 * until empty or {@link #MAX_PER_CONSUMER} messages, without waiting, and not at all once a usage
 * budget or provider quota stopped the turn or its lease was lost; messages are settled like work
 * items. Returns what it read, for the turn to fold into its report.
 */
final class MessageStep {
    private static final Logger log = LoggerFactory.getLogger(MessageStep.class);
    static final int MAX_PER_CONSUMER = 200;
    private static final int BATCH = 50;

    /**
     * What one part of the step read.
     *
     * @param read         messages handed to the hooks
     * @param deadLettered messages given up (not JSON, or a hook's poison)
     */
    record Read(int read, int deadLettered) {
    }

    private final String agent;
    private final AgentHooks hooks;

    MessageStep(String agent, AgentHooks hooks) {
        this.agent = agent;
        this.hooks = hooks;
    }

    Read direct(Turn turn) {
        int[] read = {0};
        int dead = drain(turn, turn.consumers.direct(), d -> {
            read[0]++;
            return turn.directs.receive(d, hooks);
        });
        return new Read(read[0], dead);
    }

    /** Reads every coordination consumer; the agent's own announcements are acked without the hook. */
    Read coordination(Turn turn) {
        int[] read = {0};
        int dead = 0;
        for (ConsumerSpec spec : turn.consumers.coordination()) {
            dead += drain(turn, spec, d -> {
                if (agent.equals(d.envelope().header(Headers.SENDER).orElse(null))) {
                    return Outcome.done();
                }
                read[0]++;
                hooks.coordination(d.subject(), d.envelope());
                return Outcome.done();
            });
        }
        return new Read(read[0], dead);
    }

    /** Reads and settles {@code spec}'s messages; returns how many were dead-lettered. */
    private int drain(Turn turn, ConsumerSpec spec, Settlement.Handler handler) {
        ConsumerRef ref = ConsumerRef.of(spec);
        int seen = 0;
        int dead = 0;
        try {
            while (seen < MAX_PER_CONSUMER && !turn.budget.stopped() && !turn.heartbeat.leaseLost()) {
                List<Delivery> batch = turn.fetches.fetch(ref, Math.min(BATCH, MAX_PER_CONSUMER - seen));
                if (batch.isEmpty()) {
                    return dead;
                }
                seen += batch.size();
                for (Delivery d : batch) {
                    MDC.put(TurnMdc.MESSAGE, Settlement.itemId(d));
                    MDC.put(TurnMdc.SUBJECT, d.subject());
                    try {
                        Settlement.Settled s = turn.interceptors.message(d, spec,
                                () -> turn.processor.process(d, spec, handler, () -> { }));
                        dead += s.result() == ItemEvent.Result.DEAD_LETTERED ? 1 : 0;
                    } finally {
                        MDC.remove(TurnMdc.MESSAGE);
                        MDC.remove(TurnMdc.SUBJECT);
                    }
                }
            }
        } catch (BrokerException e) {
            log.warn("{} could not read {}: {}", agent, ref, e.getMessage());
        }
        return dead;
    }
}
