package dev.agentkit.core.workspace;

import dev.agentkit.core.AgentkitException;

/**
 * A {@code git} command failed, timed out or could not start; the message names the command,
 * the repository and the end of git's output. Thrown by {@link GitWorkspace}.
 */
public class GitException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
