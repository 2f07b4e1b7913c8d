package dev.agentkit.core.workspace;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@code git} command in a repository with a timeout and no prompts; output and errors
 * go to a temporary file, so a large output can never block the process on a full pipe. Every
 * path given to git is literal ({@code --literal-pathspecs}): {@code src/*} names the file called
 * {@code *}, never a pattern, and {@code :(...)} magic is off, whatever the caller's environment
 * says. Used by {@link GitWorkspace}.
 */
final class GitCommand {
    private static final int MESSAGE_TAIL = 1_000;
    /** Environment variables that would change how git reads paths, or clash with literal ones. */
    private static final List<String> PATHSPEC_SETTINGS = List.of("GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
            "GIT_ICASE_PATHSPECS", "GIT_LITERAL_PATHSPECS");

    /** How a git command ended: its exit code and its merged output. */
    record Result(int exitCode, String output) {
    }

    private final Path repo;
    private final Duration timeout;

    GitCommand(Path repo, Duration timeout) {
        this.repo = repo;
        this.timeout = timeout;
    }

    /** Runs {@code git args...}; a non-zero exit is a {@link GitException}. */
    Result require(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new GitException(describe(args) + " failed with " + r.exitCode() + ": " + tail(r.output()));
        }
        return r;
    }

    /** Runs {@code git args...} and returns how it ended, whatever the exit code. */
    Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "--literal-pathspecs", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Path out = null;
        try {
            out = Files.createTempFile("agentkit-git-", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().keySet().removeAll(PATHSPEC_SETTINGS);
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(p.toHandle());
                throw new GitException(describe(args) + " timed out after " + timeout + " and was killed");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("cannot run " + describe(args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(describe(args) + " was interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private String describe(String... args) {
        String joined = String.join(" ", args);
        return "'git " + (joined.length() > 200 ? joined.substring(0, 200) + "..." : joined) + "' in " + repo;
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.length() <= MESSAGE_TAIL ? s : "..." + s.substring(s.length() - MESSAGE_TAIL);
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
