package dev.agentkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Team directories for the CLI's tests: {@code agentkit init}'s, with test-sized settings. */
final class TeamDirs {
    private TeamDirs() {
    }

    /** {@code agentkit init} into a temp dir, with {@code replace} applied to the yaml (pairs: old, new). */
    static Path init(String... replace) throws IOException {
        Path dir = Files.createTempDirectory("agentkit-cli-team-");
        CliRun.in(null, null, "init", dir.toString()).ok();
        Path yaml = dir.resolve("agentkit.yaml");
        String text = Files.readString(yaml);
        for (int i = 0; i < replace.length; i += 2) {
            if (!text.contains(replace[i])) {
                throw new AssertionError("the init yaml has no '" + replace[i] + "'");
            }
            text = text.replace(replace[i], replace[i + 1]);
        }
        Files.writeString(yaml, text);
        return dir;
    }

    /** The subjects of the workspace's commits, oldest first. */
    static List<String> commits(Path workspace) {
        try {
            Process p = new ProcessBuilder("git", "-C", workspace.toString(), "log", "--reverse", "--format=%s")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git log did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return out.isEmpty() ? List.of() : new ArrayList<>(List.of(out.split("\n")));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
