package dev.agentkit.cli;

import dev.agentkit.cli.config.ServerSettings;
import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.matrix.MatrixRooms;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.PasswordLogin;
import dev.agentkit.matrix.client.Secret;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The team's chat seats: a {@link MatrixChatPort} per agent on its own account when
 * {@code agentkit.yaml} names a homeserver ({@code servers.matrix}), else no chat. Passwords come
 * from {@code AGENTKIT_MATRIX_PASSWORD_<NAME>}, else {@code AGENTKIT_MATRIX_PASSWORD}, never from
 * the file. {@link #provisionRooms()} creates the rooms as the operator account and invites the agents.
 */
public final class MatrixSeats {
    private final TeamConfig config;
    private final Optional<ServerSettings.Matrix> matrix;
    private final Map<String, String> env;

    private MatrixSeats(TeamConfig config, Map<String, String> env) {
        this.config = config;
        this.matrix = config.servers().matrix();
        this.env = env;
    }

    static MatrixSeats of(TeamConfig config, Map<String, String> env) {
        return new MatrixSeats(config, env);
    }

    /** Whether the team talks on Matrix. */
    public boolean configured() {
        return matrix.isPresent();
    }

    /** The chat seat of agent {@code name}. */
    public ChatPort seat(String name) {
        if (matrix.isEmpty()) {
            return ChatPort.none();
        }
        ServerSettings.Matrix m = matrix.get();
        return new MatrixChatPort(MatrixChatConfig.builder(URI.create(m.url()), name, password(name))
                .serverName(m.serverName())
                .agentAccounts(config.roles().keySet().stream().map(a -> userId(m, a)).toList())
                .commanders(m.commanders().stream().map(c -> userId(m, c)).toList())
                .build());
    }

    /** Creates the team's rooms (or finds them) as the operator and invites every agent; returns logical name → room id. */
    public Map<String, String> provisionRooms() {
        ServerSettings.Matrix m = matrix.orElseThrow(() -> new IllegalStateException("no Matrix homeserver configured"));
        MatrixClient operator = MatrixClient.login(MatrixClientConfig.of(URI.create(m.url())), new PasswordLogin(
                userId(m, m.operator()), password(m.operator()), "AGENTKIT_CLI", "agentkit command"));
        List<String> invite = config.roles().keySet().stream().map(a -> userId(m, a)).toList();
        return MatrixRooms.provision(operator, MatrixChatConfig.defaultRooms(m.serverName()), invite);
    }

    private Secret password(String name) {
        String specific = env.get("AGENTKIT_MATRIX_PASSWORD_" + name.toUpperCase(Locale.ROOT));
        String shared = env.get("AGENTKIT_MATRIX_PASSWORD");
        if (specific == null && shared == null) {
            throw new IllegalStateException("no Matrix password for " + name + ": set AGENTKIT_MATRIX_PASSWORD_"
                    + name.toUpperCase(Locale.ROOT) + " or AGENTKIT_MATRIX_PASSWORD");
        }
        return Secret.of(specific != null ? specific : shared);
    }

    private static String userId(ServerSettings.Matrix m, String localpart) {
        return "@" + localpart + ":" + m.serverName();
    }
}
