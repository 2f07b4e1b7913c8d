package dev.agentkit.nats;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Real time for integration tests against a real server, whose timers (ack wait, nak delay,
 * TTL) only move with the wall clock: {@link #pass} lets a span go by (what the broker
 * contract's {@code elapse} means on a real server), {@link #await} polls a condition until a
 * bounded deadline.
 */
public final class RealTime {
    private static final long POLL_NANOS = Duration.ofMillis(25).toNanos();

    private RealTime() {
    }

    /** Returns once {@code d} of wall-clock time has gone by. */
    public static void pass(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
