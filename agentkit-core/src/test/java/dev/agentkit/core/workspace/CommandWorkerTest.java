package dev.agentkit.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CommandWorkerTest {
    private static final Duration RETRY = Duration.ofMinutes(3);

    @TempDir
    Path workspace;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(CommandWorker.class)).addAppender(logged);
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger(CommandWorker.class)).detachAppender(logged);
    }

    private CommandWorker shell(String script, Duration timeout) {
        return CommandWorker.builder(List.of("sh", "-c", script)).workspace(workspace)
                .timeout(timeout).retryDelay(RETRY).tailLines(3).build();
    }

    private static WorkItem item(String id) {
        return new WorkItem(id, "work.requirements.backend",
                Envelope.ofJson(Map.of("id", id, "title", "Add login endpoint")), 1, false);
    }

    @Test
    void exitZeroIsDoneAndTheCommandRunsInTheWorkspaceWithPromptAndRequirement() throws Exception {
        CommandWorker worker = shell("cat > stdin.txt; pwd > pwd.txt; cp \"$AGENTKIT_SYSTEM_PROMPT_FILE\" prompt.txt;"
                + " cp \"$AGENTKIT_REQUIREMENT_FILE\" req.json; echo \"$AGENTKIT_WORK_ID\" > id.txt;"
                + " echo \"$AGENTKIT_INPUT_FILE\" > input-path.txt", Duration.ofSeconds(30));

        Outcome outcome = worker.run(item("REQ-001"), "You are Roy.");

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(Path.of(Files.readString(workspace.resolve("pwd.txt")).strip())).isEqualTo(workspace.toRealPath());
        assertThat(Files.readString(workspace.resolve("prompt.txt"))).isEqualTo("You are Roy.");
        assertThat(Files.readString(workspace.resolve("req.json"))).contains("\"id\":\"REQ-001\"", "Add login endpoint");
        assertThat(Files.readString(workspace.resolve("stdin.txt")))
                .startsWith("You are Roy.\n\n# Requirement\n\n{").contains("Add login endpoint");
        assertThat(Files.readString(workspace.resolve("id.txt")).strip()).isEqualTo("REQ-001");
        Path inputFile = Path.of(Files.readString(workspace.resolve("input-path.txt")).strip());
        assertThat(inputFile).doesNotExist();
        assertThat(inputFile.startsWith(workspace)).isFalse();
    }

    @Test
    void aNonZeroExitRetriesWithTheTailOfTheOutputAsTheReason() {
        CommandWorker worker = shell("for i in 1 2 3 4 5 6; do echo line $i; done; echo oops >&2; exit 3",
                Duration.ofSeconds(30));

        Outcome outcome = worker.run("REQ-002", "prompt", "{}");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Retry.class, r -> {
            assertThat(r.delay()).isEqualTo(RETRY);
            assertThat(r.reason()).isEqualTo("sh exited with 3. Last output:\nline 5\nline 6\noops");
        });
    }

    @Test
    void everyOutputLineIsLoggedAsItComes() {
        shell("echo first; echo second >&2; printf 'no newline at end'", Duration.ofSeconds(30)).run("REQ-003", "p", "{}");

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("[REQ-003] first", "[REQ-003] second", "[REQ-003] no newline at end");
    }

    @Test
    void anOverlongLineIsCutSoMemoryStaysBounded() {
        Outcome outcome = shell("head -c 100000 /dev/zero | tr '\\0' x; echo; exit 1", Duration.ofSeconds(30))
                .run("REQ-004", "p", "{}");

        assertThat(((Outcome.Retry) outcome).reason()).endsWith(" [line cut]").hasSizeLessThan(2_200);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangingCommandIsKilledAtItsTimeoutWithNoProcessLeftBehind() throws Exception {
        String marker = "987" + ProcessHandle.current().pid();
        CommandWorker worker = shell("sleep " + marker + " & echo $! > bg.pid; sleep " + marker
                + " & echo $! > fg.pid; echo started; wait", Duration.ofSeconds(1));

        Outcome outcome = worker.run("REQ-005", "p", "{}");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Retry.class, r -> {
            assertThat(r.delay()).isEqualTo(RETRY);
            assertThat(r.reason()).startsWith("sh timed out after PT1S; killed it").endsWith("\nstarted");
        });
        for (String pidFile : List.of("bg.pid", "fg.pid")) {
            long pid = Long.parseLong(Files.readString(workspace.resolve(pidFile)).strip());
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as(pidFile).isEmpty();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(ProcessHandle::isAlive)).as("processes still running 'sleep %s'", marker).isEmpty();
    }

    @Test
    void aCommandThatCannotStartIsAnError() {
        CommandWorker worker = CommandWorker.builder(List.of("/nonexistent/agent-cli")).workspace(workspace).build();

        assertThatThrownBy(() -> worker.run("REQ-006", "p", "{}"))
                .isInstanceOf(AgentkitException.class).hasMessageContaining("cannot start /nonexistent/agent-cli");
    }

    @Test
    void theBuilderRejectsNonsense() {
        assertThatThrownBy(() -> CommandWorker.builder(List.of()).workspace(workspace).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandWorker.builder(List.of("x")).workspace(workspace).timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandWorker.builder(List.of("x")).build()).isInstanceOf(NullPointerException.class);
    }
}
