package dev.agentkit.testing.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class NatsServerBinaryTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitBinaryWins() throws Exception {
        Path bin = executable(dir.resolve("my-nats-server"));
        Path onPath = executable(Files.createDirectories(dir.resolve("bin")).resolve("nats-server"));
        assertThat(new NatsServerBinary(Map.of("NATS_SERVER_BIN", bin.toString(), "PATH", onPath.getParent().toString())).find())
                .contains(bin);
    }

    @Test
    void thePathComesBeforeTheInstallScriptsCache() throws Exception {
        Path onPath = executable(Files.createDirectories(dir.resolve("bin")).resolve("nats-server"));
        Path cached = executable(Files.createDirectories(dir.resolve("cache/nats-" + NatsServerBinary.PINNED_VERSION))
                .resolve("nats-server"));
        Map<String, String> both = Map.of("PATH", onPath.getParent().toString(), "AGENTKIT_CACHE", dir.resolve("cache").toString());
        assertThat(new NatsServerBinary(both).find()).contains(onPath);
        assertThat(new NatsServerBinary(Map.of("PATH", "", "AGENTKIT_CACHE", dir.resolve("cache").toString())).find())
                .contains(cached);
    }

    @Test
    void aMissingBinarySkipsOutsideCiAndFailsUnderCi() {
        Map<String, String> none = Map.of("PATH", "", "AGENTKIT_CACHE", dir.toString());
        assertThatThrownBy(() -> new NatsServerBinary(none).require())
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("install-nats-server.sh");
        Map<String, String> ci = Map.of("PATH", "", "AGENTKIT_CACHE", dir.toString(), "CI", "true");
        assertThatThrownBy(() -> new NatsServerBinary(ci).require())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CI=true");
    }

    private static Path executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
