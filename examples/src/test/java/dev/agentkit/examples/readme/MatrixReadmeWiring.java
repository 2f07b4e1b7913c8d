package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.matrix.MatrixRooms;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.PasswordLogin;
import dev.agentkit.matrix.client.Secret;
import java.net.URI;
import java.util.List;

/** agentkit-matrix's README snippets that need a homeserver: compiled, not run, and checked by ReadmeSnippetsTest. */
final class MatrixReadmeWiring {
    private MatrixReadmeWiring() {
    }

    static AgentRuntime chatPort(Broker broker) {
        MatrixChatConfig roy = MatrixChatConfig.builder(URI.create("http://127.0.0.1:8008"), "roy",
                        Secret.of(System.getenv("ROY_MATRIX_PASSWORD")))
                .serverName("localhost")                                  // default user id @roy:localhost
                .agentAccounts(List.of("@roy:localhost", "@jen:localhost", "@moss:localhost"))
                .commanders(List.of("@alice:localhost"))                  // who may command agents
                .commandPowerLevel(100)                                   // optional: room admins may too
                .build();
        AgentRuntime runtime = AgentRuntime.builder(broker).chat(new MatrixChatPort(roy)).build();
        return runtime;
    }

    static void provisionRooms(URI homeserver, String password) {
        MatrixClient admin = MatrixClient.login(MatrixClientConfig.of(homeserver),
                new PasswordLogin("@alice:localhost", Secret.of(password), "AGENTKIT_SETUP", "agentkit setup"));
        MatrixRooms.provision(admin, MatrixChatConfig.defaultRooms("localhost"),
                List.of("@roy:localhost", "@jen:localhost", "@moss:localhost", "@bob:localhost"));
    }
}
