package dev.agentkit.core.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process and everything it started. Descendants are found while the root still lives
 * (once it dies they are re-parented and out of reach), killed leaves-first in a few sweeps so
 * that children forked meanwhile are caught, and then the root; each kill is awaited with a
 * bound. Used by {@link CommandWorker} and {@link GitCommand} on timeout.
 */
final class ProcessTree {
    private static final int SWEEPS = 5;
    private static final long EXIT_WAIT_MILLIS = 5_000;

    private ProcessTree() {
    }

    /** Kills {@code root} and its descendants; returns those that had not exited within the bound. */
    static List<ProcessHandle> kill(ProcessHandle root) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (int sweep = 0; sweep < SWEEPS && root.isAlive(); sweep++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            for (int i = descendants.size() - 1; i >= 0; i--) {
                descendants.get(i).destroyForcibly();
                killed.add(descendants.get(i));
            }
        }
        root.destroyForcibly();
        killed.add(root);
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle p : killed) {
            if (!awaitExit(p)) {
                survivors.add(p);
            }
        }
        return survivors;
    }

    private static boolean awaitExit(ProcessHandle p) {
        CompletableFuture<ProcessHandle> exit = p.onExit();
        try {
            exit.get(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !p.isAlive();
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
