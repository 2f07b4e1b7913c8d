package dev.agentkit.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The demo's files: a fresh git repository for the team to work in, and the example sheets and roadmap. */
final class DemoWorkspace {
    private DemoWorkspace() {
    }

    /** A new git repository in a temp directory, with a local identity and one empty commit. */
    static Path create() throws IOException {
        Path dir = Files.createTempDirectory("agentkit-demo-");
        git(dir, "init", "-q");
        git(dir, "config", "user.name", "agentkit demo");
        git(dir, "config", "user.email", "demo@agentkit.invalid");
        git(dir, "commit", "-q", "--allow-empty", "-m", "Start of the demo");
        return dir;
    }

    /** Commit subjects, oldest first. */
    static List<String> commits(Path dir) {
        String log = git(dir, "log", "--reverse", "--format=%s").strip();
        return log.isEmpty() ? List.of() : List.of(log.split("\n"));
    }

    /** {@code examples/<name>} from the repository root, or {@code <name>} from the examples directory. */
    static Path locate(String name) {
        for (Path p : List.of(Path.of("examples", name), Path.of(name))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find " + name + " under examples/ or here ("
                + Path.of("").toAbsolutePath() + "); run the demo from the repository root");
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git did not finish in 30 s: " + cmd);
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
