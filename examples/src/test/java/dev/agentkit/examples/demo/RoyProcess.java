package dev.agentkit.examples.demo;

import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.LocalTurnLease;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.examples.team.Roy;
import dev.agentkit.examples.team.TeamSettings;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link RoyApprovalRestartIT}: one life of Roy on a real nats-server (KV state
 * and processed stores) and a real Matrix homeserver (his own account; only the commander given
 * may command him), taking a turn every 200 ms until it is killed, or gives up after four
 * minutes (exit 2). Every item settled and every turn goes to a journal file shared by all lives,
 * one line each ({@code item <id> <result> delivery=<n> life=<n>}, {@code turn <id> human=<n>
 * pulled=<n> life=<n>}). The turn lease is in-process: one life runs at a time, and a killed
 * life's lease must not hold the next one up for its TTL.
 */
final class RoyProcess {
    private static final Duration MAX_LIFE = Duration.ofMinutes(4);

    private RoyProcess() {
    }

    /**
     * Arguments: NATS URL, homeserver URL, server name, Roy's password, the commander's user id,
     * the workspace, the character sheets, the journal file, the life's number, the KV buckets' suffix.
     */
    public static void main(String[] args) throws Exception {
        exitWhenTheParentGoes();
        String serverName = args[2];
        Path journalFile = Path.of(args[7]);
        String life = args[8];
        String suffix = args[9];
        AgentClock clock = AgentClock.system();
        JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(args[0]).build());
        Connection nc = broker.connection();
        ChatPort chat = new MatrixChatPort(MatrixChatConfig.builder(URI.create(args[1]), "roy", Secret.of(args[3]))
                .serverName(serverName).agentAccounts(List.of("@roy:" + serverName)).commanders(List.of(args[4]))
                .build());
        AgentRuntime runtime = AgentRuntime.builder(broker).clock(clock).chat(chat)
                .processedStore(KvProcessedStore.open(nc, "processed_" + suffix, Duration.ZERO, clock))
                .stateStore(KvStateStore.open(nc, "state_" + suffix))
                .lease(new LocalTurnLease(clock))
                .team(Team.of(Map.of("roy", "backend")))
                .listener(journal(journalFile, life))
                .build();
        Roy roy = new Roy(runtime, TeamSettings.of(Path.of(args[5]), Path.of(args[6]))
                .withRetryDelay(Duration.ofSeconds(1)));
        write(journalFile, "up life=" + life + " pid=" + ProcessHandle.current().pid());
        long deadline = System.nanoTime() + MAX_LIFE.toNanos();
        while (System.nanoTime() < deadline) {
            roy.runTurn();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        System.exit(2);
    }

    private static TurnListener journal(Path file, String life) {
        return new TurnListener() {
            @Override
            public void itemDone(ItemEvent item) {
                itemFailed(item);
            }

            @Override
            public void itemFailed(ItemEvent item) {
                write(file, "item " + item.requirementId() + " " + item.result() + " delivery=" + item.deliveryCount()
                        + " id=" + item.itemId() + " life=" + life);
            }

            @Override
            public void turnEnded(TurnReport r) {
                write(file, "turn " + r.turnId() + " human=" + r.humanMessages() + " pulled=" + r.pulled() + " life="
                        + life);
            }
        };
    }

    /** One unbuffered append per line: what a SIGKILL'd process wrote stays in the page cache. */
    private static synchronized void write(Path file, String line) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test holds the other end of stdin: when the test JVM dies, so does this one. */
    private static void exitWhenTheParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; end of stream means the parent is gone
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
