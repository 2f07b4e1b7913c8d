package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.matrix.client.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixChatConfigTest {
    private static final URI HS = URI.create("http://127.0.0.1:8008");

    @Test
    void defaultsDeriveFromTheAgentNameAndServerName() {
        MatrixChatConfig c = MatrixChatConfig.builder(HS, "roy", Secret.of("pw")).serverName("team.example").build();

        assertThat(c.userId()).isEqualTo("@roy:team.example");
        assertThat(c.deviceId()).isEqualTo("AGENTKIT_ROY");
        assertThat(c.displayName()).isEqualTo("roy");
        assertThat(c.agentAccounts()).containsExactly("@roy:team.example");
        assertThat(c.rooms()).containsEntry("alerts", "#alerts:team.example").hasSize(5);
        assertThat(c.commandPowerLevel()).isEmpty();
    }

    @Test
    void toStringNeverShowsThePassword() {
        MatrixChatConfig c = MatrixChatConfig.builder(HS, "roy", Secret.of("hunter2-very-secret")).build();

        assertThat(c.toString()).doesNotContain("hunter2-very-secret").contains("<redacted>");
        assertThat(new MatrixChatPort(c).toString()).doesNotContain("hunter2");
    }

    @Test
    void aMalformedUserIdIsRefusedByName() {
        assertThatThrownBy(() -> MatrixChatConfig.builder(HS, "roy", Secret.of("pw"))
                .commanders(List.of("alice")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'alice'");
    }

    @Test
    void noRoomsIsRefused() {
        assertThatThrownBy(() -> MatrixChatConfig.builder(HS, "roy", Secret.of("pw")).rooms(Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rooms");
    }

    @Test
    void transactionIdsAreStablePerKeyAndDistinctAcrossKeys() {
        assertThat(MatrixChatPort.transactionId("roy-3:alert"))
                .isEqualTo(MatrixChatPort.transactionId("roy-3:alert"))
                .isNotEqualTo(MatrixChatPort.transactionId("roy-4:alert"))
                .matches("agentkit\\.[0-9a-f]{32}");
    }

    @Test
    void aRoomAliasLocalpartIsTheNameBeforeTheServer() {
        assertThat(MatrixRooms.localpart("#backend:localhost:8448")).isEqualTo("backend");
        assertThatThrownBy(() -> MatrixRooms.localpart("backend")).hasMessageContaining("'backend'");
    }
}
