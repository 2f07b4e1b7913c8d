package dev.agentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code agentkit up} as a child process (the runnable jar when it is built, else this test's
 * class path), on a real nats-server, with a worker command that is a small script standing in
 * for a coding-agent CLI: it drains a three-item roadmap to commits in a git workspace; a SIGTERM
 * while the second item's worker runs lets that item finish (committed and acked) and fetches no
 * more; a second {@code up} does the third.
 */
class UpIT {
    private static final String ROADMAP = "# Roadmap\n\n"
            + "- [ ] REQ-001: Add login endpoint #backend\n"
            + "- [ ] REQ-002: Add logout endpoint #backend\n"
            + "- [ ] REQ-003: Add session refresh #backend\n";
    private static final String WORKER = "#!/bin/sh\n"
            + "set -eu\n"
            + "id=$(sed -n 's/.*\"id\" *: *\"\\([^\"]*\\)\".*/\\1/p' \"$AGENTKIT_REQUIREMENT_FILE\" | head -n 1)\n"
            + "touch \"$MARKERS/$id.started\"\n"
            + "if [ \"$id\" = REQ-002 ]; then sleep 3; fi\n"
            + "mkdir -p src/api\n"
            + "echo \"# $id\" > \"src/api/$id.md\"\n";

    private static NatsServerFixture server;
    private static NatsCli nats;

    @BeforeAll
    static void start() {
        server = NatsServerFixture.startWith();
        nats = NatsCli.require(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void upDrainsTheRoadmapToCommitsAndASigtermMidTurnLeavesNothingDoneUnacked() throws Exception {
        Path markers = Files.createTempDirectory("agentkit-up-markers-");
        Path team = TeamDirs.init("  command: ./worker.sh\n", "  command: ./worker.sh\n  environment: {MARKERS: "
                + markers + "}\n");
        Files.writeString(team.resolve("ROADMAP.md"), ROADMAP);
        Files.writeString(team.resolve("worker.sh"), WORKER);

        Up up = start(team);
        awaitFile(markers.resolve("REQ-002.started"), up.process());
        up.process().destroy(); // SIGTERM, while REQ-002's worker sleeps
        assertThat(up.process().waitFor(60, TimeUnit.SECONDS)).as("up stops within its grace").isTrue();
        String out = up.output();
        assertThat(up.process().exitValue()).as(out).isZero();
        assertThat(out).contains("stopping").contains("roy turn").contains("REQ-002 done").contains("stopped");
        assertThat(TeamDirs.commits(team.resolve("workspace")))
                .containsSubsequence("REQ-001: Add login endpoint", "REQ-002: Add logout endpoint")
                .noneMatch(s -> s.startsWith("REQ-003"));
        JsonNode roy = consumer();
        assertThat(roy.path("num_ack_pending").asLong()).as("nothing done is left unacked").isZero();
        assertThat(roy.path("num_pending").asLong()).as("REQ-003 was not fetched after the signal").isEqualTo(1);
        assertThat(markers.resolve("REQ-003.started")).doesNotExist();

        Up again = start(team);
        awaitFile(markers.resolve("REQ-003.started"), again.process());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !again.output().contains("REQ-003 done")) {
            assertThat(again.process().waitFor(200, TimeUnit.MILLISECONDS)).as(again.output()).isFalse();
        }
        again.process().destroy();
        assertThat(again.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.process().exitValue()).as(again.output()).isZero();
        assertThat(TeamDirs.commits(team.resolve("workspace"))).containsSubsequence("REQ-001: Add login endpoint",
                "REQ-002: Add logout endpoint", "REQ-003: Add session refresh");
        assertThat(consumer().path("num_pending").asLong()).isZero();
        assertThat(consumer().path("num_ack_pending").asLong()).isZero();
    }

    private static JsonNode consumer() {
        return dev.agentkit.core.internal.message.Json.tryRead(nats.run("consumer", "info", "REQUIREMENTS", "roy", "--json")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    /** A running {@code agentkit up} and the file its output goes to. */
    private record Up(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private static Up start(Path team) throws IOException {
        Path jar = Path.of("target", "agentkit-cli-0.1.0-SNAPSHOT-all.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        cmd.addAll(List.of("up", "--grace", "30s", "--server", server.url()));
        Path log = Files.createTempFile(team, "up-", ".log");
        return new Up(new ProcessBuilder(cmd).directory(team.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start(), log);
    }

    private static void awaitFile(Path file, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + file.getFileName() + " within 60 s; up " + (p.isAlive() ? "runs" : "exited "
                        + p.exitValue()));
            }
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }
}
