package dev.agentkit.core.oversight;

import dev.agentkit.core.store.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-agent switches humans flip through chat commands, and what a scheduler reads: whether
 * an agent is paused, whether a turn was asked for now, and the summary of its last turn. Kept in
 * the {@link StateStore} under {@code control.<agent>.*} keys of their own (not in the agent's
 * state), so a {@link DeadLetterDesk} in another process can flip them while the agent's turn
 * runs. One instance per runtime ({@code AgentRuntime.control()}); thread-safe.
 *
 * <p>For the scheduler: skip an agent's slots while {@link #isPaused}; run a turn at once when
 * {@link #turnRequested} (the turn clears the request when it starts); or register a
 * {@link ControlListener} to be told as it happens.
 */
public final class AgentControl {
    private static final Logger log = LoggerFactory.getLogger(AgentControl.class);

    private final StateStore store;
    private final List<ControlListener> listeners = new CopyOnWriteArrayList<>();

    /** Control flags kept in {@code store}. */
    public AgentControl(StateStore store) {
        this.store = store;
    }

    /** Adds a listener told of every pause, resume and turn request made through this instance. */
    public AgentControl addListener(ControlListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Whether {@code agent} is paused: its turns pull no work. */
    public boolean isPaused(String agent) {
        return store.get(key(agent, "paused")).isPresent();
    }

    /** Pauses {@code agent}; {@code by} (who asked) is kept for the status report. */
    public void pause(String agent, String by) {
        store.put(key(agent, "paused"), by);
        notify(l -> l.paused(agent));
    }

    /** Resumes {@code agent}. */
    public void resume(String agent) {
        store.delete(key(agent, "paused"));
        notify(l -> l.resumed(agent));
    }

    /** Who paused {@code agent}, if it is paused. */
    public Optional<String> pausedBy(String agent) {
        return store.get(key(agent, "paused"));
    }

    /** Asks for a turn of {@code agent} now. */
    public void requestTurn(String agent, String by) {
        store.put(key(agent, "turn-now"), by);
        notify(l -> l.turnRequested(agent));
    }

    /** Whether a turn of {@code agent} was asked for and has not started yet. */
    public boolean turnRequested(String agent) {
        return store.get(key(agent, "turn-now")).isPresent();
    }

    /** Called by the turn when it starts: the request is served. */
    public void clearTurnRequest(String agent) {
        store.delete(key(agent, "turn-now"));
    }

    /** Keeps the one-line summary of the agent's last turn, for {@code status}. */
    public void recordReport(String agent, String summary) {
        store.put(key(agent, "last-report"), summary);
    }

    /** The summary of the agent's last finished turn. */
    public Optional<String> lastReport(String agent) {
        return store.get(key(agent, "last-report"));
    }

    private static String key(String agent, String what) {
        return "control." + agent + "." + what;
    }

    private void notify(Consumer<ControlListener> event) {
        for (ControlListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("a control listener failed: {}", e.toString(), e);
            }
        }
    }
}
