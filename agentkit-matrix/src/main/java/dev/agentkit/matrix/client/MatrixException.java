package dev.agentkit.matrix.client;

import dev.agentkit.core.chat.ChatException;
import java.util.Optional;

/**
 * A Matrix call failed: the homeserver answered with an error, or could not be reached. Carries
 * the Matrix {@code errcode} and HTTP status so callers can tell "alias taken" from "server down".
 * Its message names the method and path but never an access token or password. Thrown by
 * {@link MatrixClient}; the turn cycle sees it as a {@link ChatException}.
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
        super("Matrix " + call + " failed: HTTP " + httpStatus + (errcode == null ? "" : " " + errcode)
                + (error == null || error.isBlank() ? "" : " (" + error + ")"));
        this.httpStatus = httpStatus;
        this.errcode = errcode;
    }

    /** A call that got no response; {@code reason} must not contain a secret. */
    public MatrixException(String call, String reason, Throwable cause) {
        super("Matrix " + call + " failed: " + reason, cause);
        this.httpStatus = NO_RESPONSE;
        this.errcode = null;
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
