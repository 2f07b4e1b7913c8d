package dev.agentkit.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    private static final String NATS_TOKEN = "tok-s3cr3t-5f2a9b";
    private static final String ANTHROPIC_KEY = "sk-ant-api03-Zx9Qw8Er7Ty6";

    @TempDir
    Path workspace;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    Level levelBefore;

    @BeforeEach
    void captureLog() {
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(CommandWorker.class);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(logged);
    }

    @AfterEach
    void stopCapture() {
        Logger logger = (Logger) LoggerFactory.getLogger(CommandWorker.class);
        logger.detachAppender(logged);
        logger.setLevel(levelBefore);
    }

    /** An agent's environment as the tests control it: the real PATH, some plain names, some secrets. */
    private static Map<String, String> agentEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", "/home/roy");
        env.put("LANG", "C.UTF-8");
        env.put("LC_TIME", "C");
        env.put("NATS_TOKEN", NATS_TOKEN);
        env.put("NATS_PASSWORD", "pw-7c41d0e9");
        env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        env.put("MATRIX_ACCESS_TOKEN", "syt_cm95_AbCdEfGhIj");
        env.put("NATS_NKEY_SEED", "SUAMLK2ZNL35WSMW37E7UD4VZ7ELPKW7DHC3BWBSD2GCZ7IUQQXZIORRBU\nsecond-line-of-seed");
        env.put("BUILD_NUMBER", "41");
        env.put("CLAUDE_CONFIG_DIR", "/home/roy/.claude");
        env.put("PROJECT_NAME", "workshop");
        return env;
    }

    private CommandWorker.Builder withAgentEnvironment(String script) {
        return CommandWorker.builder(List.of("sh", "-c", script)).workspace(workspace).timeout(Duration.ofSeconds(30))
                .retryDelay(RETRY).tailLines(3).parentEnvironment(agentEnvironment());
    }

    private List<String> loggedText() {
        return logged.list.stream().map(e -> e.getFormattedMessage() + " " + Arrays.toString(e.getArgumentArray())).toList();
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
    void everyOutputLineIsLoggedAtDebugAsItComes() {
        shell("echo first; echo second >&2; printf 'no newline at end'", Duration.ofSeconds(30)).run("REQ-003", "p", "{}");

        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("[REQ-003] "))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("[REQ-003] first", "[REQ-003] second", "[REQ-003] no newline at end");
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("[REQ-003] "))
                .extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG);
    }

    /** Issue 15, scenario 8: the command got the agent's whole environment, secrets included. */
    @Test
    void theCommandGetsOnlyTheDefaultAllowListAndWhatTheBuilderNames() throws Exception {
        Outcome outcome = withAgentEnvironment("env > env.txt").passEnvironment("ANTHROPIC_API_KEY", "CLAUDE_*")
                .environment("AGENT_ROLE", "backend").build().run("REQ-020", "p", "{}");

        assertThat(outcome).isEqualTo(Outcome.done());
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(workspace.resolve("env.txt"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                seen.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(seen).containsEntry("PATH", System.getenv("PATH")).containsEntry("HOME", "/home/roy")
                .containsEntry("LANG", "C.UTF-8").containsEntry("LC_TIME", "C")
                .containsEntry("ANTHROPIC_API_KEY", ANTHROPIC_KEY).containsEntry("CLAUDE_CONFIG_DIR", "/home/roy/.claude")
                .containsEntry("AGENT_ROLE", "backend").containsEntry("AGENTKIT_WORK_ID", "REQ-020")
                .containsKeys("AGENTKIT_INPUT_FILE", "AGENTKIT_SYSTEM_PROMPT_FILE", "AGENTKIT_REQUIREMENT_FILE")
                .doesNotContainKeys("NATS_TOKEN", "NATS_PASSWORD", "MATRIX_ACCESS_TOKEN", "NATS_NKEY_SEED",
                        "BUILD_NUMBER", "PROJECT_NAME");
        assertThat(seen.keySet()).as("names the shell itself sets aside, nothing else")
                .allMatch(n -> List.of("PATH", "HOME", "LANG", "LC_TIME", "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR",
                        "AGENT_ROLE", "PWD", "SHLVL", "_", "OLDPWD").contains(n) || n.startsWith("AGENTKIT_"));
    }

    /** Issue 15, scenario 8: a secret the command printed reached the retry reason (and so dead letters and #alerts). */
    @Test
    void secretsTheCommandPrintsAreRedactedFromTheReasonAndTheLog() {
        Outcome outcome = withAgentEnvironment("echo \"connecting with " + NATS_TOKEN + "\"; echo \"key=$ANTHROPIC_API_KEY\";"
                + " echo 'user pw-7c41d0e9 and hunter2-extra'; echo 'seed SUAMLK2ZNL35WSMW37E7UD4VZ7ELPKW7DHC3BWBSD2GCZ7IUQQXZIORRBU';"
                + " exit 2").passEnvironment("ANTHROPIC_API_KEY").redact("hunter2-extra").build().run("REQ-021", "p", "{}");

        String reason = ((Outcome.Retry) outcome).reason();
        assertThat(reason).isEqualTo("sh exited with 2. Last output:\nkey=[redacted]\nuser [redacted] and [redacted]"
                + "\nseed [redacted]");
        assertThat(loggedText()).isNotEmpty().noneMatch(t -> t.contains(NATS_TOKEN) || t.contains(ANTHROPIC_KEY)
                || t.contains("pw-7c41d0e9") || t.contains("hunter2-extra") || t.contains("SUAMLK2ZNL35"));
        assertThat(loggedText()).anyMatch(t -> t.contains("connecting with [redacted]"));
    }

    @Test
    void aSecretAcrossTheCutOfAnOverlongLineLeavesNoPrefixBehind() {
        Outcome outcome = withAgentEnvironment("head -c 1995 /dev/zero | tr '\\0' x; echo \"$NATS_TOKEN\"; exit 1")
                .passEnvironment("NATS_TOKEN").build().run("REQ-022", "p", "{}");

        String reason = ((Outcome.Retry) outcome).reason();
        assertThat(reason).endsWith(" [line cut]").doesNotContain("tok-");
        assertThat(loggedText()).noneMatch(t -> t.contains("tok-"));
    }

    @Test
    void theRedactorKnowsTheAgentsSecretsAndThoseSetForTheCommand() {
        CommandWorker worker = withAgentEnvironment("true").environment("OPENAI_API_KEY", "sk-openai-123456")
                .environment("PLAIN", "not-a-secret").build();

        assertThat(worker.redactor().redact(NATS_TOKEN + " sk-openai-123456 not-a-secret /home/roy"))
                .isEqualTo("[redacted] [redacted] not-a-secret /home/roy");
    }

    @Test
    void namesArePassedIgnoringCaseAndOnlyWhenTheAgentHasThem() throws Exception {
        Outcome outcome = withAgentEnvironment("env > env.txt").passEnvironment("project_name", "MISSING_VAR")
                .build().run("REQ-024", "p", "{}");

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(Files.readAllLines(workspace.resolve("env.txt"))).contains("PROJECT_NAME=workshop")
                .noneMatch(l -> l.startsWith("MISSING_VAR="));
    }

    @Test
    void aTimedOutCommandsReasonIsRedactedToo() {
        Outcome outcome = withAgentEnvironment("echo \"$NATS_TOKEN\"; exec sleep 60").passEnvironment("NATS_TOKEN")
                .timeout(Duration.ofMillis(500)).build().run("REQ-023", "p", "{}");

        assertThat(((Outcome.Retry) outcome).reason()).contains("timed out").endsWith("\n[redacted]");
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
        assertThatThrownBy(() -> CommandWorker.builder(List.of("x")).passEnvironment("*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would pass the agent's secrets");
        assertThatThrownBy(() -> CommandWorker.builder(List.of("x")).passEnvironment("NATS_*_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'NATS_*_X'");
        assertThatThrownBy(() -> CommandWorker.builder(List.of("x")).redact("abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abc");
    }
}
