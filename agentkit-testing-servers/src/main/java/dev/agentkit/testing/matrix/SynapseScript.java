package dev.agentkit.testing.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's {@code scripts/synapse.sh}: found through {@code AGENTKIT_SYNAPSE_SCRIPT},
 * or by walking up from the working directory to the directory that holds it. Output goes to a
 * log file whose tail ends up in the exception when a command fails.
 */
final class SynapseScript {
    static final String ENV = "AGENTKIT_SYNAPSE_SCRIPT";
    private static final String RELATIVE = "scripts/synapse.sh";

    private final Path script;
    private final Path log;

    SynapseScript(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    static Path locate() {
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank()) {
            Path p = Paths.get(override);
            if (!Files.isRegularFile(p)) {
                throw new SynapseUnavailableException(ENV + " names " + p + ", which is not a file");
            }
            return p;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new SynapseUnavailableException("no " + RELATIVE + " above " + Paths.get("").toAbsolutePath()
                + "; set " + ENV + " to the script's path");
    }

    /** Runs {@code synapse.sh args...}, waiting at most {@code timeout}. */
    void run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        String what = "synapse.sh " + args[0];
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new SynapseUnavailableException(what + " did not finish within " + timeout + tail());
            }
            if (p.exitValue() != 0) {
                throw new SynapseUnavailableException(what + " exited with " + p.exitValue() + tail());
            }
        } catch (IOException e) {
            throw new SynapseUnavailableException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynapseUnavailableException(what + " was interrupted", e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "; last output (" + log + "):\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "; see " + log;
        }
    }
}
