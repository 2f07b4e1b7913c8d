package dev.agentkit.examples.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway git repository for example tests: {@code git init} with a local identity. */
final class GitRepo {
    private GitRepo() {
    }

    static Path init(Path dir) {
        git(dir, "init", "-q", "-b", "main");
        git(dir, "config", "user.name", "Example Tests");
        git(dir, "config", "user.email", "tests@example.invalid");
        git(dir, "commit", "-q", "--allow-empty", "-m", "empty");
        return dir;
    }

    /** The subjects of the commits, newest first. */
    static List<String> log(Path dir) {
        return List.of(git(dir, "log", "--format=%s").strip().split("\n"));
    }

    static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git timed out: " + cmd);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git failed: " + cmd + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
