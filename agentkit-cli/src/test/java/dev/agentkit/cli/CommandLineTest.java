package dev.agentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's contract: --help everywhere, exit 0 ok, 1 failure, 2 usage; no server needed here. */
class CommandLineTest {

    @Test
    void everyCommandHasHelpAndExitsZeroWithIt() {
        CommandLine cl = AgentkitCommand.commandLine(Map.of());
        assertThat(cl.getSubcommands()).containsKeys("init", "demo", "provision", "drain", "pub", "ask", "turn", "up",
                "status", "dead-letters", "retry", "skip", "reassign", "pause", "resume");
        for (String name : cl.getSubcommands().keySet()) {
            CliRun r = CliRun.in(null, null, name, "--help");
            assertThat(r.exit()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage: agentkit " + name);
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.in(null, null).exit()).isEqualTo(2);
        assertThat(CliRun.in(null, null, "turn").exit()).isEqualTo(2);
        assertThat(CliRun.in(null, null, "frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void aFailureExitsOneAndSaysWhy() throws Exception {
        Path team = TeamDirs.init();
        CliRun r = CliRun.in(team, "nats://127.0.0.1:1", "status");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("agentkit status: ").contains("127.0.0.1:1");
        CliRun unknown = CliRun.in(team, "nats://127.0.0.1:1", "turn", "nobody");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no agent 'nobody'").contains("roy, jen, moss");
    }

    @Test
    void initRefusesToOverwriteAndDemoRunsTheStoryInMemory() throws Exception {
        Path team = TeamDirs.init();
        CliRun again = CliRun.in(null, null, "init", team.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("not overwriting");
        assertThat(CliRun.in(null, null, "demo", "--periods", "1").exit()).isZero();
    }
}
