package dev.agentkit.core.workspace;

import dev.agentkit.core.time.AgentClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The other side of {@link FileLockProcessRaceTest}: a separate JVM that, on each {@code try}
 * line on its standard input, tries to take the lock {@code shared} and answers {@code race:won}
 * or {@code race:lost}; {@code release} releases it, {@code exit} ends. Arguments: the lock
 * directory and the owner name.
 */
public final class LockRaceChild {
    private LockRaceChild() {
    }

    public static void main(String[] args) throws Exception {
        LocalFileLock locks = new LocalFileLock(Path.of(args[0]), Duration.ofHours(1), AgentClock.system());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Optional<FileLock.Held> held = Optional.empty();
        out.println("race:ready");
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            if (line.equals("try")) {
                held = locks.tryAcquire("shared", args[1]);
                out.println(held.isPresent() ? "race:won" : "race:lost");
            } else if (line.equals("release")) {
                held.orElseThrow().close();
                held = Optional.empty();
                out.println("race:released");
            }
        }
    }
}
