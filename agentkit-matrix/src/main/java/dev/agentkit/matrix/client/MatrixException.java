package dev.agentkit.matrix.client;

import dev.agentkit.core.chat.ChatException;
import java.util.Optional;

/**
 * A Matrix call failed: the homeserver answered with an error, or could not be reached. Carries
 * the Matrix {@code errcode} and HTTP status so callers can tell "alias taken" from "server down",
 * and the {@link ChatException.Kind} they mean ({@link #kindOf}). Its message names the method
 * and path but never an access token or password. Thrown by {@link MatrixClient}; the turn cycle
 * sees it as a {@link ChatException}.
 */
public class MatrixException extends ChatException {
    private static final long serialVersionUID = 1L;
    /** The {@link #httpStatus()} of a call that got no HTTP response (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final int httpStatus;
    private final String errcode;

    /**
     * A failure with a response.
     *
     * @param call       what was called, e.g. {@code PUT /_matrix/client/v3/rooms/!r:hs/send/...}
     * @param httpStatus the HTTP status
     * @param errcode    the Matrix errcode, or null when the body had none
     * @param error      the server's error text, or null
     */
    public MatrixException(String call, int httpStatus, String errcode, String error) {
        super(kindOf(httpStatus, errcode), "Matrix " + call + " failed: HTTP " + httpStatus
                + (errcode == null ? "" : " " + errcode) + (error == null || error.isBlank() ? "" : " (" + error + ")"));
        this.httpStatus = httpStatus;
        this.errcode = errcode;
    }

    /** A call that got no response ({@link ChatException.Kind#UNAVAILABLE}); {@code reason} must not contain a secret. */
    public MatrixException(String call, String reason, Throwable cause) {
        super(Kind.UNAVAILABLE, "Matrix " + call + " failed: " + reason, cause);
        this.httpStatus = NO_RESPONSE;
        this.errcode = null;
    }

    private MatrixException(MatrixException original, Kind kind, String message) {
        super(kind, message, original);
        this.httpStatus = original.httpStatus;
        this.errcode = original.errcode;
    }

    /**
     * What an answer means: no answer, a timeout, 5xx, 429 or {@code M_LIMIT_EXCEEDED} (past the
     * client's waits), 401, and a 404 or 405 that is no Matrix answer (no errcode, or
     * {@code M_UNRECOGNIZED}: the URL is not a homeserver's client API) are
     * {@link ChatException.Kind#UNAVAILABLE}; every other 4xx ({@code 413 M_TOO_LARGE}, 400,
     * {@code 403 M_FORBIDDEN}, {@code 404 M_NOT_FOUND}...) is {@link ChatException.Kind#REFUSED}.
     */
    public static Kind kindOf(int httpStatus, String errcode) {
        if (httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429
                || httpStatus == 401 || "M_LIMIT_EXCEEDED".equals(errcode)) {
            return Kind.UNAVAILABLE;
        }
        if ((httpStatus == 404 || httpStatus == 405) && (errcode == null || "M_UNRECOGNIZED".equals(errcode))) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REFUSED;
    }

    /**
     * This failure as {@code kind}, with {@code context} before its message (e.g. joining a room
     * that does not exist yet is {@link ChatException.Kind#ROOM_UNAVAILABLE} for a post, not a refusal of it).
     */
    public MatrixException as(Kind kind, String context) {
        return new MatrixException(this, kind, context + ": " + getMessage());
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Matrix errcode, e.g. {@code M_ROOM_IN_USE}, if the server sent one. */
    public Optional<String> errcode() {
        return Optional.ofNullable(errcode);
    }

    /** Whether the server answered with {@code code}. */
    public boolean is(String code) {
        return code.equals(errcode);
    }

    /** Whether the homeserver could not be reached at all. */
    public boolean noResponse() {
        return httpStatus == NO_RESPONSE;
    }
}
