package dev.agentkit.examples.demo;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.examples.team.Jen;
import dev.agentkit.examples.team.Moss;
import dev.agentkit.examples.team.Roy;
import dev.agentkit.examples.team.TeamSettings;
import dev.agentkit.otel.AgentkitTelemetry;
import dev.agentkit.routing.ChainRouter;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.DrainReport;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.routing.roadmap.RoadmapSource;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mission, start to end: the roadmap is drained onto the agents' queues; Roy, Jen and Moss
 * take staggered turns; Roy finishes the login endpoint and announces it; Jen, who asked him how
 * it reports errors, builds the form against it; Moss adds the CI pipeline; a migration that
 * needs the staging database keeps failing until it lands in the dead letters with an alert;
 * another migration makes Roy ask in {@code #backend} before it runs, the human approves it
 * there and Roy's next turn runs it; a human asks Roy what he has done and gets an answer. Runs
 * in any {@link TeamWorld}.
 */
public final class TeamStory {
    /** Every agent of the story, name → role. */
    public static final Map<String, String> ROLES = Map.of("roy", "backend", "jen", "frontend", "moss", "infra");
    private static final Pattern ASKED = Pattern.compile("^roy: APPROVAL (\\S+) ");

    private final TeamWorld world;
    private final Path workspace;
    private final Path sheets;
    private final Path roadmap;
    private final AgentkitTelemetry telemetry;

    public TeamStory(TeamWorld world, Path workspace, Path sheets, Path roadmap) {
        this(world, workspace, sheets, roadmap, AgentkitTelemetry.create(OpenTelemetry.noop()));
    }

    /** The story traced by {@code telemetry}: the drainer, the router and every agent's runtime. */
    public TeamStory(TeamWorld world, Path workspace, Path sheets, Path roadmap, AgentkitTelemetry telemetry) {
        this.world = world;
        this.workspace = workspace;
        this.sheets = sheets;
        this.roadmap = roadmap;
        this.telemetry = telemetry;
    }

    /** Runs {@code periods} schedule periods of the story, reporting each turn to {@code onTurn}. */
    public StoryResult run(int periods, Consumer<TurnReport> onTurn) {
        Topology topology = world.topology();
        world.broker().provision(topology, ROLES);
        ConsumerSpec integration = ConsumerSpec.of(Topology.INTEGRATION, "demo_observer");
        ConsumerSpec deadLetters = ConsumerSpec.of(Topology.DEAD_LETTER, "demo_observer");
        world.broker().ensureConsumer(integration);
        world.broker().ensureConsumer(deadLetters);

        Router router = ChainRouter.builder().then(TagRouter.builder().rule("backend", "backend")
                .rule("frontend", "frontend").rule("infra", "infra").build()).build();
        DrainReport drained = QueueDrainer.builder(telemetry.wrap(world.broker()), telemetry.wrap(router)).topology(topology)
                .deadLetterUnroutable(true).build()
                .drain(RoadmapSource.of(roadmap));

        Duration period = world.period();
        TeamSettings settings = TeamSettings.of(workspace, sheets).withRetryDelay(period.dividedBy(3));
        List<TurnReport> reports = new CopyOnWriteArrayList<>();
        try (TurnScheduler scheduler = TurnScheduler.builder(world.clock()).executor(Runnable::run)
                .onReport(r -> {
                    reports.add(r);
                    onTurn.accept(r);
                }).build()) {
            scheduler.add(new Roy(runtimeFor("roy"), settings), Schedule.every(period));
            scheduler.add(new Jen(runtimeFor("jen"), settings), Schedule.every(period).at(period.dividedBy(3)));
            scheduler.add(new Moss(runtimeFor("moss"), settings),
                    Schedule.every(period).at(period.dividedBy(3).multipliedBy(2)));
            alignToPeriod(period);
            world.clock().schedule(period.multipliedBy(3).dividedBy(2),
                    () -> world.humanSays(Rooms.BACKEND, "roy: what have you finished so far?"));
            Set<String> approved = new HashSet<>();
            for (int p = 1; p < periods; p++) { // the human reads #backend late in each period
                world.clock().schedule(period.multipliedBy(p).plus(period.multipliedBy(3).dividedBy(4)),
                        () -> approveWhatRoyAsks(approved));
            }
            scheduler.start();
            world.passTime(period.multipliedBy(periods));
        }
        return new StoryResult(drained, List.copyOf(reports), envelopes(ConsumerRef.of(integration)),
                envelopes(ConsumerRef.of(deadLetters)), roomLogs());
    }

    /** The human approves each question Roy asked in {@code #backend}, once. */
    private void approveWhatRoyAsks(Set<String> approved) {
        for (String line : world.roomLog(Rooms.BACKEND)) {
            Matcher m = ASKED.matcher(line);
            if (m.find() && approved.add(m.group(1))) {
                world.humanSays(Rooms.BACKEND, "approve " + m.group(1));
            }
        }
    }

    private AgentRuntime runtimeFor(String agent) {
        return telemetry.install(world.runtimeFor(agent).toBuilder()).build();
    }

    /**
     * Waits for the next period boundary unless the clock is on one, so every run sees the same
     * order of turns (Jen, Moss, then Roy in the first period) wherever in a period it starts.
     */
    private void alignToPeriod(Duration period) {
        java.time.Instant now = world.clock().now();
        long intoPeriod = Math.floorMod(now.toEpochMilli(), period.toMillis());
        if (intoPeriod != 0) {
            world.passTime(period.minusMillis(intoPeriod));
        }
    }

    private List<Envelope> envelopes(ConsumerRef ref) {
        List<Envelope> out = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            List<Delivery> batch = world.broker().fetch(ref, 100, Duration.ZERO);
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(d -> {
                out.add(d.envelope());
                d.ack();
            });
        }
        return out;
    }

    private Map<String, List<String>> roomLogs() {
        Map<String, List<String>> logs = new java.util.LinkedHashMap<>();
        for (String room : List.of(Rooms.BACKEND, Rooms.FRONTEND, Rooms.GENERAL, Rooms.ALERTS)) {
            logs.put(room, world.roomLog(room));
        }
        return logs;
    }
}
