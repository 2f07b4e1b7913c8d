package dev.agentkit.matrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void aSecretPrintsRedactedAlsoInsideRecords() {
        Secret s = Secret.of("syt_abc_def");
        PasswordLogin login = new PasswordLogin("roy", s, "DEV", "agentkit roy");

        assertThat(s.toString()).isEqualTo("<redacted>");
        assertThat(login.toString()).doesNotContain("syt_abc_def");
        assertThat(Map.of("t", s).toString()).doesNotContain("syt_abc_def");
    }

    @Test
    void redactingReplacesEveryOccurrence() {
        assertThat(Secret.of("tok").redactFrom("a tok b tok")).isEqualTo("a <redacted> b <redacted>");
    }

    @Test
    void aBlankSecretIsRefused() {
        assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMatrixExceptionNamesTheCallStatusAndErrcode() {
        MatrixException e = new MatrixException("POST /_matrix/client/v3/createRoom", 400, "M_ROOM_IN_USE", "taken");

        assertThat(e).hasMessage("Matrix POST /_matrix/client/v3/createRoom failed: HTTP 400 M_ROOM_IN_USE (taken)");
        assertThat(e.is("M_ROOM_IN_USE")).isTrue();
        assertThat(e.errcode()).contains("M_ROOM_IN_USE");
        assertThat(e.noResponse()).isFalse();
    }
}
