package dev.agentkit.matrix.client;

import static dev.agentkit.core.chat.ChatException.Kind.REFUSED;
import static dev.agentkit.core.chat.ChatException.Kind.ROOM_UNAVAILABLE;
import static dev.agentkit.core.chat.ChatException.Kind.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatrixExceptionTest {
    @Test
    void answersThatMayChangeLaterAreUnavailable() {
        assertThat(MatrixException.kindOf(MatrixException.NO_RESPONSE, null)).isEqualTo(UNAVAILABLE);
        assertThat(MatrixException.kindOf(502, null)).isEqualTo(UNAVAILABLE);
        assertThat(MatrixException.kindOf(429, "M_LIMIT_EXCEEDED")).isEqualTo(UNAVAILABLE);
        assertThat(MatrixException.kindOf(401, "M_UNKNOWN_TOKEN")).isEqualTo(UNAVAILABLE);
        assertThat(MatrixException.kindOf(404, null)).as("not a homeserver's answer").isEqualTo(UNAVAILABLE);
        assertThat(MatrixException.kindOf(404, "M_UNRECOGNIZED")).isEqualTo(UNAVAILABLE);
    }

    @Test
    void answersAboutThisRequestAreRefusals() {
        assertThat(MatrixException.kindOf(413, "M_TOO_LARGE")).isEqualTo(REFUSED);
        assertThat(MatrixException.kindOf(413, null)).as("a proxy's body limit").isEqualTo(REFUSED);
        assertThat(MatrixException.kindOf(400, "M_BAD_JSON")).isEqualTo(REFUSED);
        assertThat(MatrixException.kindOf(403, "M_FORBIDDEN")).isEqualTo(REFUSED);
        assertThat(MatrixException.kindOf(404, "M_NOT_FOUND")).isEqualTo(REFUSED);
    }

    @Test
    void aFailureCanBeReclassifiedKeepingItsStatusAndErrcode() {
        MatrixException join = new MatrixException("POST /join/%23ops", 404, "M_NOT_FOUND", "Room alias not found");

        MatrixException forPost = join.as(ROOM_UNAVAILABLE, "roy cannot join room ops now");

        assertThat(forPost.kind()).isEqualTo(ROOM_UNAVAILABLE);
        assertThat(forPost.is("M_NOT_FOUND")).isTrue();
        assertThat(forPost.httpStatus()).isEqualTo(404);
        assertThat(forPost).hasMessageStartingWith("roy cannot join room ops now: Matrix POST /join/%23ops failed: HTTP 404")
                .hasCause(join);
    }
}
