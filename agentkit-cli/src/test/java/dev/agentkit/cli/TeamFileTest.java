package dev.agentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.cli.config.TeamFile;
import dev.agentkit.cli.config.TeamFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TeamFileTest {

    private static Path team(String yaml) throws IOException {
        Path dir = TeamDirs.init();
        Files.writeString(dir.resolve("agentkit.yaml"), yaml);
        return dir.resolve("agentkit.yaml");
    }

    @Test
    void theFileInitWritesDescribesRoyJenAndMoss() throws IOException {
        TeamConfig c = TeamFile.read(TeamDirs.init().resolve("agentkit.yaml"));

        assertThat(c.roles()).containsExactly(java.util.Map.entry("roy", "backend"), java.util.Map.entry("jen", "frontend"),
                java.util.Map.entry("moss", "infra"));
        assertThat(c.agent("jen").orElseThrow().schedule().offset()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.agent("moss").orElseThrow().schedule().onlyWithWork()).isTrue();
        assertThat(c.agent("roy").orElseThrow().worker().command().get(0)).endsWith("/worker.sh");
        assertThat(c.routes()).containsEntry("migration", "backend").containsEntry("infra", "infra");
        assertThat(c.topology().consumersFor("roy", "backend").work().ackWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anUnknownKeyNamesTheFileTheLineAndTheKey() throws IOException {
        Path f = team("worker:\n  command: ./worker.sh\nagents:\n  roy:\n    role: backend\n    shedule: {every: 5m}\n");

        assertThatThrownBy(() -> TeamFile.read(f)).isInstanceOf(TeamFileException.class)
                .hasMessage(f.toAbsolutePath().normalize() + ":6: agents.roy.shedule: unknown key; agents.roy takes sheet,"
                        + " role, rooms, schedule, budget, announce, worker");
    }

    @Test
    void aBadDurationNamesItsLineAndKey() throws IOException {
        Path f = team("worker:\n  command: ./worker.sh\nagents:\n  roy:\n    schedule:\n      every: often\n");

        assertThatThrownBy(() -> TeamFile.read(f)).hasMessageEndingWith(
                ":6: agents.roy.schedule.every: expected a duration such as 30s, 5m or 2h, was 'often'");
    }

    @Test
    void aSecretKeyIsRefusedWithTheVariableToUseInstead() throws IOException {
        Path f = team("servers:\n  nats:\n    url: nats://127.0.0.1:4222\n    password: hunter2\nagents: {}\n");

        assertThatThrownBy(() -> TeamFile.read(f)).hasMessageContaining(":4: servers.nats.password: looks like a secret")
                .hasMessageContaining("NATS_PASSWORD").hasMessageNotContaining("hunter2");
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutShowingIt() throws IOException {
        Path f = team("servers:\n  nats:\n    url: nats://roy:s3cret@127.0.0.1:4222\nagents: {}\n");

        assertThatThrownBy(() -> TeamFile.read(f)).hasMessageContaining(":3: servers.nats.url: the value looks like a secret")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingSheetAndAMissingWorkerAreNamed() throws IOException {
        Path noSheet = team("worker:\n  command: ./worker.sh\nagents:\n  roy:\n    sheet: agents/nobody.md\n");
        assertThatThrownBy(() -> TeamFile.read(noSheet)).hasMessageContaining(":5: agents.roy.sheet: character sheet")
                .hasMessageContaining("does not exist");
        Path noWorker = team("agents:\n  roy:\n    role: backend\n");
        assertThatThrownBy(() -> TeamFile.read(noWorker)).hasMessageContaining(":2: agents.roy: has no worker command");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() throws IOException {
        Path f = team("agents:\n  roy: [unclosed\n  jen: x\n");

        assertThatThrownBy(() -> TeamFile.read(f)).isInstanceOf(TeamFileException.class).hasMessageContaining("not valid YAML");
    }
}
