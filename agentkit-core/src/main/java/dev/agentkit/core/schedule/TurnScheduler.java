package dev.agentkit.core.schedule;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.ControlListener;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs agents' turns on their {@link Schedule}s, staggered so they do not contend: Roy every 30
 * minutes at :00, Jen at :15. It never runs two turns of one agent at once, and a slot that comes
 * while the agent's previous turn still runs is skipped, not queued. Agents can be paused and
 * resumed (one flag with the chat's {@code pause}/{@code resume} commands), asked for a turn now
 * (also by the chat's {@code turn now}, heard through the agent's {@code AgentControl}), and shut
 * down cleanly.
 *
 * <p>Timed by an {@link AgentClock}: with the virtual clock and the direct executor
 * ({@code Runnable::run}), hours of schedule run in milliseconds in a test. In production the
 * default executor runs each turn on its own daemon thread.
 */
public final class TurnScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TurnScheduler.class);

    private final AgentClock clock;
    private final Executor executor;
    private final Consumer<TurnReport> onReport;
    private final Map<String, ScheduledAgent> agents = new LinkedHashMap<>();
    private final Set<AgentControl> controls = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile boolean started;
    private volatile boolean closed;

    private TurnScheduler(Builder b) {
        this.clock = b.clock;
        this.executor = b.executor;
        this.onReport = b.onReport;
    }

    /** A builder timed by {@code clock}. */
    public static Builder builder(AgentClock clock) {
        return new Builder(clock);
    }

    /** Adds an agent; before or after {@link #start()}. Names must be unique. */
    public synchronized TurnScheduler add(TurnBasedAgent agent, Schedule schedule) {
        String name = agent.config().name();
        if (agents.containsKey(name)) {
            throw new IllegalArgumentException("agent " + name + " is already scheduled");
        }
        ScheduledAgent s = new ScheduledAgent(agent, schedule);
        agents.put(name, s);
        AgentControl control = agent.runtime().control();
        if (controls.add(control)) {
            control.addListener(new ControlListener() {
                @Override
                public void turnRequested(String requested) {
                    onTurnRequested(requested);
                }
            });
        }
        if (started) {
            arm(s);
        }
        return this;
    }

    /** Starts the schedules: each agent's first turn falls on its next slot. */
    public synchronized void start() {
        requireOpen();
        if (!started) {
            started = true;
            agents.values().forEach(this::arm);
        }
    }

    /**
     * Pauses {@code agent} through its runtime's {@code AgentControl}, the same flag the chat's
     * {@code pause} command sets: its turns still fall on their slots but only read the chat (so
     * a {@code resume} is heard) and pull no work. The flag is kept in the state store, so a pause
     * survives a restart.
     */
    public void pause(String agent) {
        get(agent).agent.runtime().control().pause(agent, "scheduler");
    }

    /** Resumes {@code agent}: its turns pull work again. */
    public void resume(String agent) {
        get(agent).agent.runtime().control().resume(agent);
    }

    /** Whether {@code agent} is paused. */
    public boolean isPaused(String agent) {
        return get(agent).agent.runtime().control().isPaused(agent);
    }

    /** Runs a turn of {@code agent} now, unless one is running; returns whether it started. */
    public boolean runNow(String agent) {
        requireOpen();
        return launch(get(agent), "on request");
    }

    /** The report of the agent's last finished turn. */
    public Optional<TurnReport> lastReport(String agent) {
        return Optional.ofNullable(get(agent).lastReport);
    }

    /**
     * Stops scheduling and waits up to {@code maxWait} for running turns to finish. Returns
     * whether they all did.
     */
    public boolean shutdown(Duration maxWait) {
        synchronized (this) {
            closed = true;
            agents.values().forEach(ScheduledAgent::cancel);
        }
        long deadline = AgentClock.system().nanoTime() + maxWait.toNanos(); // running threads: real time
        for (ScheduledAgent s : agents.values()) {
            if (!s.awaitIdle(deadline)) {
                log.warn("{}'s turn was still running when the scheduler stopped waiting", s.name());
                return false;
            }
        }
        return true;
    }

    /** {@link #shutdown} with a one-minute wait. */
    @Override
    public void close() {
        shutdown(Duration.ofMinutes(1));
    }

    private void arm(ScheduledAgent s) {
        s.timer = clock.schedule(Duration.between(clock.now(), s.schedule.nextAfter(clock.now())), () -> slot(s));
    }

    private void slot(ScheduledAgent s) {
        synchronized (this) {
            if (closed) {
                return;
            }
            arm(s);
        }
        boolean requested = s.agent.runtime().control().turnRequested(s.name());
        if (s.schedule.onlyWithWork() && !requested && !hasWork(s.agent)) {
            log.debug("{} has nothing pending; slot skipped", s.name());
        } else {
            launch(s, "on schedule");
        }
    }

    private void onTurnRequested(String agent) {
        ScheduledAgent s;
        synchronized (this) {
            s = agents.get(agent);
            if (s == null || closed) {
                return;
            }
        }
        launch(s, "on a human's request");
    }

    private boolean launch(ScheduledAgent s, String why) {
        if (!s.running.compareAndSet(false, true)) {
            log.info("{}'s previous turn is still running; {} turn skipped", s.name(), why);
            return false;
        }
        executor.execute(() -> {
            try {
                TurnReport report = s.agent.runTurn();
                s.lastReport = report;
                onReport.accept(report);
            } catch (RuntimeException e) {
                log.error("{}'s turn failed", s.name(), e);
            } finally {
                s.finished();
            }
        });
        return true;
    }

    private static boolean hasWork(TurnBasedAgent agent) {
        Broker broker = agent.runtime().broker();
        try {
            return agent.runtime().topology().consumersFor(agent.config().name(), agent.config().role()).all().stream()
                    .anyMatch(c -> broker.status(ConsumerRef.of(c)).hasWork());
        } catch (BrokerException e) {
            log.warn("cannot tell whether {} has work ({}); running its turn", agent.config().name(), e.getMessage());
            return true;
        }
    }

    private ScheduledAgent get(String agent) {
        ScheduledAgent s;
        synchronized (this) {
            s = agents.get(agent);
        }
        if (s == null) {
            throw new IllegalArgumentException("no scheduled agent named " + agent);
        }
        return s;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the scheduler is shut down");
        }
    }

    /** Builds a {@link TurnScheduler}. */
    public static final class Builder {
        private final AgentClock clock;
        private Executor executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "agentkit-turn");
            t.setDaemon(true);
            return t;
        });
        private Consumer<TurnReport> onReport = r -> { };

        private Builder(AgentClock clock) {
            this.clock = clock;
        }

        /** Where turns run; {@code Runnable::run} runs them on the clock's thread (for tests). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Called with every finished turn's report. */
        public Builder onReport(Consumer<TurnReport> onReport) {
            this.onReport = onReport;
            return this;
        }

        public TurnScheduler build() {
            return new TurnScheduler(this);
        }
    }
}
