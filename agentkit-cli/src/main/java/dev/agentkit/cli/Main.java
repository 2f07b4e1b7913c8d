package dev.agentkit.cli;

/**
 * The {@code agentkit} command's entry point (the runnable jar's main class and
 * {@code scripts/agentkit}): runs {@link AgentkitCommand} on the arguments and exits with its
 * status: 0 ok, 1 failure, 2 usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AgentkitCommand.commandLine(System.getenv()).execute(args));
    }
}
