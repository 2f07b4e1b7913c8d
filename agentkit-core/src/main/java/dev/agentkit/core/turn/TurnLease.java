package dev.agentkit.core.turn;

import java.time.Duration;
import java.util.Optional;

/**
 * Guarantees that no two turns of one agent run at once, across threads and (for the NATS KV
 * implementation in agentkit-nats) across processes. A lease expires after its time to live, so
 * a crashed holder does not block the agent for ever. The turn cycle takes it first and releases
 * it last.
 */
public interface TurnLease {

    /** Takes the lease of {@code agent} for at most {@code ttl}; empty when another holder has it. */
    Optional<Held> tryAcquire(String agent, Duration ttl);

    /** A held lease; closing releases it, and never releases a lease someone else took after expiry. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
