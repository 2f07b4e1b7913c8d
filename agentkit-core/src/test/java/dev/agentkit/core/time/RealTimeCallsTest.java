package dev.agentkit.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library code reads and waits on time only through an {@link AgentClock}: no main source of the
 * library modules calls {@code System.nanoTime}, {@code System.currentTimeMillis},
 * {@code Instant.now()}, {@code Thread.sleep}, a {@code TimeUnit}'s sleep or {@code parkNanos},
 * except the files in {@link #ALLOWED}. Comments are not code. A wait that must be real (on a
 * real server, a peer, a thread) takes {@link AgentClock#system()}. The allowed list is the
 * review point: adding to it needs a reason.
 */
class RealTimeCallsTest {
    /** The library modules: the ones users put on their class path. */
    private static final List<String> MODULES = List.of("agentkit-core", "agentkit-nats", "agentkit-matrix",
            "agentkit-routing", "agentkit-testing", "agentkit-protocol");
    /** The files allowed to read real time directly, relative to the project root. */
    private static final Set<String> ALLOWED = Set.of(
            "agentkit-core/src/main/java/dev/agentkit/core/time/SystemClock.java");
    private static final Pattern REAL_TIME = Pattern.compile(
            "System\\s*\\.\\s*(nanoTime|currentTimeMillis)\\b|Thread\\s*\\.\\s*sleep\\b|\\bparkNanos\\b"
                    + "|Instant\\s*\\.\\s*now\\s*\\(\\s*\\)|TimeUnit\\s*\\.\\s*\\w+\\s*\\.\\s*sleep\\b");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?<![:\"\\w])//[^\\n]*", Pattern.DOTALL);

    @Test
    void noLibraryCodeReadsOrWaitsOnRealTimeOutsideTheSystemClock() throws IOException {
        Path root = projectRoot();
        List<String> found = new ArrayList<>();
        for (String module : MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            assertThat(main).as("the main sources of " + module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    if (!ALLOWED.contains(rel)) {
                        calls(Files.readString(f)).forEach(c -> found.add(rel + ": " + c));
                    }
                }
            }
        }
        assertThat(found).as("real-time calls outside SystemClock (take an AgentClock, or AgentClock.system())")
                .isEmpty();
    }

    @Test
    void theScanFindsCallsAndSkipsComments() {
        String source = "/** Never {@code Thread.sleep}. */\nclass A {\n  // System.nanoTime() here is a comment\n"
                + "  String url = \"http://x\"; long t = System.nanoTime();\n"
                + "  void f() { LockSupport.parkNanos(5); TimeUnit.SECONDS.sleep(1); Instant.now(); Instant.now(clock); }\n}";
        assertThat(calls(source)).containsExactly("System.nanoTime", "parkNanos", "TimeUnit.SECONDS.sleep",
                "Instant.now()");
    }

    private static List<String> calls(String source) {
        Matcher m = REAL_TIME.matcher(COMMENT.matcher(source).replaceAll(" "));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group().replaceAll("\\s", ""));
        }
        return out;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("agentkit-core/src/main"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no project root above " + Path.of("").toAbsolutePath()));
        }
        return dir;
    }
}
