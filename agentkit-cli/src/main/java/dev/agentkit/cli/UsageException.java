package dev.agentkit.cli;

import dev.agentkit.core.AgentkitException;

/**
 * A command line that names something the team does not have (an agent, a role): the command
 * prints the message and exits with 2, as for any other usage error.
 */
public final class UsageException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
