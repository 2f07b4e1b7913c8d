package dev.agentkit.cli;

import dev.agentkit.cli.config.AgentEntry;
import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.cli.config.TeamFile;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that acts on a team shares: which {@code agentkit.yaml}, and which
 * NATS server instead of {@code NATS_URL} or the file's {@code servers.nats.url}. A picocli mixin.
 */
public final class TeamOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = TeamFile.NAME,
            description = "The team file (default: ${DEFAULT-VALUE} in the current directory).")
    Path file;

    @Option(names = {"-s", "--server"}, paramLabel = "URL",
            description = "NATS server URLs, comma-separated; overrides NATS_URL and the file's servers.nats.url.")
    String server;

    private TeamConfig config;

    /** The team file, read once. */
    public TeamConfig config() {
        if (config == null) {
            config = TeamFile.read(file);
        }
        return config;
    }

    /** The agent called {@code name}; a usage error naming the team when there is none. */
    public AgentEntry agent(String name) {
        return config().agent(name).orElseThrow(() -> new UsageException("no agent '" + name + "' in "
                + config().file() + "; the team is " + String.join(", ", config().roles().keySet())));
    }

    /** The {@code --server} URLs, if given. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }
}
