package dev.agentkit.core.oversight;

/**
 * Told when a human pauses or resumes an agent or asks for a turn now. Register one on the
 * runtime's {@link AgentControl} to drive a scheduler in the same process:
 *
 * <pre>{@code
 * runtime.control().addListener(ControlListener.of(scheduler::pause, scheduler::resume, scheduler::runNow));
 * }</pre>
 *
 * A scheduler in another process reads the same flags from {@link AgentControl} instead.
 * Exceptions thrown here are logged and do not undo the command.
 */
public interface ControlListener {

    /** {@code agent} was paused. */
    default void paused(String agent) {
    }

    /** {@code agent} was resumed. */
    default void resumed(String agent) {
    }

    /** A human asked for a turn of {@code agent} now. */
    default void turnRequested(String agent) {
    }

    /** A listener made of three callbacks. */
    static ControlListener of(java.util.function.Consumer<String> onPause, java.util.function.Consumer<String> onResume,
                              java.util.function.Consumer<String> onTurnRequested) {
        return new ControlListener() {
            @Override
            public void paused(String agent) {
                onPause.accept(agent);
            }

            @Override
            public void resumed(String agent) {
                onResume.accept(agent);
            }

            @Override
            public void turnRequested(String agent) {
                onTurnRequested.accept(agent);
            }
        };
    }
}
