package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.StoppingBroker;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.cli.WorkerAgents;
import dev.agentkit.cli.config.AgentEntry;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.routing.drain.DrainReport;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentkit up}: provisions, drains the roadmap (exactly once), then runs every agent's
 * turns on its schedule (a first turn of each at once) until SIGINT or SIGTERM, printing a line
 * per item and per turn. Turns run one at a time, as the agents share one workspace. On a signal
 * it stops fetching (a running turn finishes the item in hand and ends), waits up to
 * {@code --grace} for it, then interrupts it (the worker is killed and the item retried later)
 * and exits: 0 when the turns ended by themselves, 1 when one had to be interrupted.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Provision, drain the roadmap, then run the team's turns until SIGINT/SIGTERM.")
public final class UpCommand extends TeamCommand {
    @Option(names = "--grace", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long a running turn may take to finish at shutdown (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--drain", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Drain the roadmap before the first turns (default); --no-drain skips it.")
    boolean drain;

    @Override
    public Integer call() throws InterruptedException {
        Duration graceTime = Duration.parse("PT" + grace.toUpperCase(java.util.Locale.ROOT));
        Printer out = printer();
        TeamServers servers = connect();
        try {
            Provisioning.apply(servers, Provisioning.plan(servers));
            say(out, "provisioned " + team.config().topology().streams().size() + " streams and the consumers of "
                    + String.join(", ", team.config().roles().keySet()) + " on " + servers.connection().getConnectedUrl());
            if (drain) {
                DrainReport r = DrainCommand.drain(servers, team.config().roadmap());
                say(out, "drained " + team.config().roadmap().getFileName() + ": " + r.summary());
            }
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        StoppingBroker gate = new StoppingBroker(servers.broker());
        AtomicReference<Thread> turnThread = new AtomicReference<>();
        ExecutorService turns = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agentkit-turn");
            t.setDaemon(true);
            turnThread.set(t);
            return t;
        });
        TurnListener items = TurnListener.onItem(e -> say(out, Reports.line(e)));
        AgentRuntime runtime = servers.runtime(gate, List.of(items));
        TurnScheduler scheduler = TurnScheduler.builder(AgentClock.system()).executor(turns)
                .onReport(r -> out.event(Reports.json(r), stamp(r.summary()))).build();
        for (AgentEntry a : team.config().agents()) {
            scheduler.add(WorkerAgents.create(team.config(), a, runtime.withChat(servers.chat().seat(a.name()))),
                    a.schedule());
            say(out, a.name() + " (" + a.role() + ") every " + brief(a.schedule().period()) + " at +"
                    + brief(a.schedule().offset())
                    + (a.schedule().onlyWithWork() ? ", only with work" : ""));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say(out, "stopping: no new work is fetched; waiting up to " + graceTime + " for a running turn");
            gate.stop();
            boolean clean = scheduler.shutdown(graceTime);
            if (!clean) {
                Thread t = turnThread.get();
                say(out, "a turn is still running after " + graceTime + "; interrupting it (its worker is killed,"
                        + " the item is retried later)");
                if (t != null) {
                    t.interrupt();
                }
                scheduler.shutdown(Duration.ofSeconds(15));
                clean = false;
            }
            turns.shutdownNow();
            servers.close();
            say(out, "stopped");
            stopped.countDown();
            Runtime.getRuntime().halt(clean ? 0 : 1);
        }, "agentkit-shutdown"));
        scheduler.start();
        team.config().agents().forEach(a -> scheduler.runNow(a.name()));
        say(out, "up: first turns now, then on schedule; Ctrl-C (or SIGTERM) stops");
        stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
        return 0;
    }

    /** A progress line: on stdout, or on stderr under {@code --json} (stdout then carries only JSON lines). */
    private void say(Printer out, String line) {
        if (json) {
            spec.commandLine().getErr().println(stamp(line));
            spec.commandLine().getErr().flush();
        } else {
            out.line(stamp(line));
        }
    }

    private static String brief(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static String stamp(String line) {
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line;
    }
}
