package dev.agentkit.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVM processes race for one {@link LocalFileLock} a hundred times; in every other round the
 * lock starts out stale, so both race to break it as well. Exactly one may win each round.
 */
class FileLockProcessRaceTest {
    private static final int ROUNDS = 100;
    private static final long ANSWER_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void exactlyOneOfTwoProcessesWinsEveryRound() throws Exception {
        Path lockDir = dir.resolve("locks");
        LocalFileLock parentView = LocalFileLock.in(lockDir);
        Path lockFile = parentView.lockFile("shared");
        int[] wins = new int[2];
        try (Child a = Child.start(lockDir, "a", dir); Child b = Child.start(lockDir, "b", dir)) {
            a.expect("race:ready");
            b.expect("race:ready");
            for (int round = 1; round <= ROUNDS; round++) {
                boolean stale = round % 2 == 0;
                if (stale) {
                    Files.writeString(lockFile, "token=ghost-" + round + "\nowner=ghost\npid=1\nhost=gone\n"
                            + "acquired=2000-01-01T00:00:00Z\n");
                }
                Child first = round % 4 < 2 ? a : b;
                Child second = first == a ? b : a;
                first.send("try");
                second.send("try");
                List<String> answers = List.of(a.next(), b.next());

                assertThat(answers).as("round %d (stale lock: %s)", round, stale)
                        .containsExactlyInAnyOrder("race:won", "race:lost");
                Child winner = answers.get(0).equals("race:won") ? a : b;
                wins[winner == a ? 0 : 1]++;
                assertThat(Files.readString(lockFile)).contains("owner=" + winner.owner + "\n",
                        "pid=" + winner.process.pid() + "\n");
                winner.send("release");
                winner.expect("race:released");
                assertThat(lockFile).doesNotExist();
            }
        }
        try (Stream<Path> left = Files.list(lockDir)) {
            assertThat(left).as("lock and marker files left behind").isEmpty();
        }
        assertThat(wins[0] + wins[1]).isEqualTo(ROUNDS);
    }

    /** One child JVM running {@link LockRaceChild}, its protocol lines read on a daemon thread. */
    private static final class Child implements AutoCloseable {
        final String owner;
        final Process process;
        final OutputStream stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(String owner, Process process) {
            this.owner = owner;
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(this::read, "race-child-" + owner);
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path lockDir, String owner, Path logDir) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), LockRaceChild.class.getName(),
                    lockDir.toString(), owner)
                    .redirectError(logDir.resolve("child-" + owner + ".log").toFile()).start();
            return new Child(owner, p);
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("race:")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                lines.add("race:io-error " + e);
            }
        }

        void send(String command) throws IOException {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        String next() throws InterruptedException {
            String line = lines.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                fail("child " + owner + " did not answer within " + ANSWER_SECONDS + "s (alive: " + process.isAlive() + ")");
            }
            return line;
        }

        void expect(String line) throws InterruptedException {
            assertThat(next()).as("child " + owner).isEqualTo(line);
        }

        @Override
        public void close() throws Exception {
            try {
                send("exit");
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
