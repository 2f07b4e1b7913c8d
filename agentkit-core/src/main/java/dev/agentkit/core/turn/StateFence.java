package dev.agentkit.core.turn;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, claims and saves an agent's state for one turn, and never throws for a store failure.
 * The claim is the turn's number: the count is raised and saved, conditional on the version that
 * was loaded, before the turn uses it, so no two turns of an agent (two instances at once, or one
 * after a crash) share a number or the ids made from it. The end-of-turn save is conditional on
 * the version claimed, so a turn that lost its lease never overwrites a newer turn's state. A
 * failure is logged once, with what it means, and becomes the turn's {@link StopReason}.
 */
final class StateFence {
    private static final Logger log = LoggerFactory.getLogger(StateFence.class);
    static final String TURN_COUNT_KEY = "turn.count";

    /**
     * The claimed turn, or why there is none.
     *
     * @param state   the state loaded and claimed; null when refused
     * @param number  the turn's number
     * @param refused why the turn may not run; null when claimed
     */
    record Claim(AgentState state, long number, StopReason refused) {
    }

    private final StateStore store;
    private final String agent;

    StateFence(StateStore store, String agent) {
        this.store = store;
        this.agent = agent;
    }

    Claim claim() {
        long number = 0;
        try {
            AgentState state = AgentState.load(store, agent);
            number = state.internal().get(TURN_COUNT_KEY).map(Long::parseLong).orElse(0L) + 1;
            state.internal().put(TURN_COUNT_KEY, Long.toString(number));
            if (!state.saveFenced(store, agent)) {
                log.warn("{} skips turn {}: another turn of it saved the state while this one claimed it", agent, number);
                return new Claim(null, number, StopReason.LEASE_LOST);
            }
            return new Claim(state, number, null);
        } catch (RuntimeException e) {
            log.warn("{} skips a turn: its state cannot be loaded or claimed, so no turn id is known to be new ({})",
                    agent, describe(e));
            return new Claim(null, number, StopReason.STATE_FAILURE);
        }
    }

    /** Saves the state at the end of a turn; null when saved, else the stop reason it earns the turn. */
    StopReason save(AgentState state) {
        try {
            if (state.saveFenced(store, agent)) {
                return null;
            }
            log.warn("{} leaves its state as another turn of it saved it: this turn lost its lease, and what it changed "
                    + "in its state is dropped", agent);
            return StopReason.LEASE_LOST;
        } catch (RuntimeException e) {
            log.error("{} could not save its state: what this turn changed in it (chat cursor, kept posts, the agent's "
                    + "own keys) is lost; its work items were settled ({})", agent, describe(e));
            return StopReason.STATE_FAILURE;
        }
    }

    /** A store failure, classified for the log line. */
    static String describe(RuntimeException e) {
        String kind = e instanceof BrokerException b
                ? (b.isTransient() ? "transient: a later turn may succeed" : "permanent")
                : e instanceof AgentkitException ? "store failure" : "unexpected " + e.getClass().getSimpleName();
        return kind + ": " + e.getMessage();
    }
}
