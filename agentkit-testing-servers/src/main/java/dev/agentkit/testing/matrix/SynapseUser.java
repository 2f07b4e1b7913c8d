package dev.agentkit.testing.matrix;

/**
 * A user registered on a test {@link SynapseServer}. Its {@code toString} shows neither the
 * password nor the access token.
 *
 * @param localpart   e.g. {@code alice}
 * @param userId      e.g. {@code @alice:localhost}
 * @param password    the password, for logging in (e.g. as an agent's {@code MatrixChatPort})
 * @param accessToken the token the registration returned, for acting as this user directly
 */
public record SynapseUser(String localpart, String userId, String password, String accessToken) {
    @Override
    public String toString() {
        return "SynapseUser[" + userId + "]";
    }
}
