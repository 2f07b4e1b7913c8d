package dev.agentkit.examples.demo;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import io.nats.client.Connection;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TeamWorld} made of parts: a broker with its stores, a {@link TeamChat}, a clock and a
 * way to let time pass. {@link #embedded()} is all in memory on virtual time; {@link #real} takes
 * a NATS URL and/or a Matrix homeserver and runs on the system clock with short periods.
 */
public final class DemoWorld implements TeamWorld {
    private static final List<String> AGENTS = List.of("roy", "jen", "moss");

    private final String description;
    private final AgentClock clock;
    private final Broker broker;
    private final AgentRuntime base;
    private final TeamChat chat;
    private final Consumer<Duration> passTime;
    private final Duration period;

    private DemoWorld(String description, AgentClock clock, AgentRuntime base, TeamChat chat,
                      Consumer<Duration> passTime, Duration period) {
        this.description = description;
        this.clock = clock;
        this.broker = base.broker();
        this.base = base;
        this.chat = chat;
        this.passTime = passTime;
        this.period = period;
    }

    /** In-memory broker and chat on a virtual clock: hours pass in milliseconds. */
    public static DemoWorld embedded() {
        VirtualClock clock = new VirtualClock();
        AgentRuntime base = AgentRuntime.builder(new InMemoryBroker(clock)).clock(clock)
                .processedStore(new InMemoryProcessedStore()).stateStore(new InMemoryStateStore()).build();
        return new DemoWorld("in-memory broker and chat, virtual clock from " + clock.now(), clock, base,
                new InMemoryTeamChat(clock, AGENTS), clock::advance, Duration.ofMinutes(30));
    }

    /**
     * Real servers where given (the other side stays in memory), on the system clock with a
     * {@code period} between an agent's turns. Matrix accounts roy, jen, moss and
     * {@value TeamWorld#HUMAN} must exist on {@code serverName}; {@code passwords} gives theirs.
     */
    public static DemoWorld real(DemoOptions options, String serverName, Function<String, Secret> passwords,
                                 Duration period) {
        AgentClock clock = AgentClock.system();
        AgentRuntime base;
        String description;
        if (options.nats().isPresent()) {
            base = natsRuntime(options.nats().get(), options.replicas(), clock);
            description = "nats-server at " + options.nats().get()
                    + (options.replicas() > 1 ? ", " + options.replicas() + " replicas" : "");
        } else {
            base = AgentRuntime.builder(new InMemoryBroker(clock)).clock(clock).build();
            description = "in-memory broker";
        }
        TeamChat chat;
        try {
            chat = options.matrix().isPresent()
                    ? new MatrixTeamChat(URI.create(options.matrix().get()), serverName, AGENTS, passwords)
                    : new InMemoryTeamChat(clock, AGENTS);
        } catch (RuntimeException e) {
            base.broker().close();
            throw e;
        }
        description += options.matrix().map(m -> ", Matrix homeserver at " + m).orElse(", in-memory chat")
                + ", real time, a turn every " + period.toMillis() + " ms per agent";
        return new DemoWorld(description, clock, base, chat, DemoWorld::waitRealTime, period);
    }

    /** A runtime on the NATS servers at {@code urls} (comma-separated), streams and KV buckets with {@code replicas}. */
    private static AgentRuntime natsRuntime(String urls, int replicas, AgentClock clock) {
        JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder()
                .servers(List.of(urls.split(","))).build());
        try {
            Connection nc = broker.connection();
            return AgentRuntime.builder(broker).clock(clock).topology(Topology.builder().replicas(replicas).build())
                    .processedStore(KvProcessedStore.open(nc, KvProcessedStore.DEFAULT_BUCKET, Duration.ZERO, clock,
                            replicas))
                    .stateStore(KvStateStore.open(nc, KvStateStore.DEFAULT_BUCKET, replicas))
                    .lease(KvTurnLease.open(nc, KvTurnLease.DEFAULT_BUCKET, clock, LeaseExpiry.AUTO, replicas))
                    .build();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static void waitRealTime(Duration d) {
        try {
            new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public Topology topology() {
        return base.topology();
    }

    @Override
    public AgentClock clock() {
        return clock;
    }

    @Override
    public AgentRuntime runtimeFor(String name) {
        return base.withChat(chat.seat(name));
    }

    @Override
    public void humanSays(String room, String text) {
        chat.humanSays(room, text);
    }

    @Override
    public List<String> roomLog(String room) {
        return chat.roomLog(room);
    }

    @Override
    public void passTime(Duration d) {
        passTime.accept(d);
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        chat.close();
        broker.close();
    }
}
