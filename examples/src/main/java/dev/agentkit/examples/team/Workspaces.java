package dev.agentkit.examples.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Git repositories for the example team to work in: the demo makes one per run, and the example
 * tests one per test. {@link #init} gives a repository with a local identity and an empty first
 * commit; {@link #commitSubjects} reads back what the agents committed.
 */
public final class Workspaces {
    private static final long TIMEOUT_SECONDS = 30;

    private Workspaces() {
    }

    /** Makes {@code dir} a git repository with a local identity and one empty commit {@code first}. */
    public static Path init(Path dir, String first) {
        git(dir, "init", "-q");
        git(dir, "config", "user.name", "agentkit example");
        git(dir, "config", "user.email", "example@agentkit.invalid");
        git(dir, "commit", "-q", "--allow-empty", "-m", first);
        return dir;
    }

    /** The subjects of the repository's commits, newest first. */
    public static List<String> commitSubjects(Path dir) {
        String log = git(dir, "log", "--format=%s").strip();
        return log.isEmpty() ? List.of() : List.of(log.split("\n"));
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git did not finish in " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git failed: " + cmd + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
