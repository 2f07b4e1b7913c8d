package dev.agentkit.cli.config;

import java.util.List;
import java.util.Optional;

/**
 * Where the team's servers are, as {@code agentkit.yaml} says; credentials are never here (they
 * come from the environment).
 *
 * @param natsUrl the NATS URLs, comma-separated; {@code NATS_URL} and {@code --server} take precedence
 * @param matrix  the Matrix homeserver, when the team talks there
 */
public record ServerSettings(Optional<String> natsUrl, Optional<Matrix> matrix) {

    /**
     * A Matrix homeserver: its URL, its server name, the account that creates the rooms and the
     * humans who may command agents. Passwords: {@code AGENTKIT_MATRIX_PASSWORD_<NAME>}, else
     * {@code AGENTKIT_MATRIX_PASSWORD}.
     *
     * @param url        the homeserver's base URL
     * @param serverName the server name in user ids, e.g. {@code localhost}
     * @param operator   the account that creates the rooms and invites the agents
     * @param commanders the humans allowed to command agents (localparts)
     */
    public record Matrix(String url, String serverName, String operator, List<String> commanders) {
        public Matrix {
            commanders = List.copyOf(commanders);
        }
    }
}
