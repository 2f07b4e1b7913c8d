package dev.agentkit.core.schedule;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import java.util.concurrent.atomic.AtomicBoolean;

/** One agent in a {@link TurnScheduler}: its schedule, next timer, and whether a turn runs. */
final class ScheduledAgent {
    final TurnBasedAgent agent;
    final Schedule schedule;
    final AtomicBoolean running = new AtomicBoolean();
    volatile TurnReport lastReport;
    volatile AgentClock.Timer timer;

    ScheduledAgent(TurnBasedAgent agent, Schedule schedule) {
        this.agent = agent;
        this.schedule = schedule;
    }

    String name() {
        return agent.config().name();
    }

    void cancel() {
        AgentClock.Timer t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    synchronized void finished() {
        running.set(false);
        notifyAll();
    }

    /**
     * Waits, until {@code deadlineNanos} of the system clock's {@link AgentClock#nanoTime()}, for
     * the running turn to end: a thread is waited for in real time, whatever clock schedules turns.
     */
    synchronized boolean awaitIdle(long deadlineNanos) {
        while (running.get()) {
            long left = deadlineNanos - AgentClock.system().nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
