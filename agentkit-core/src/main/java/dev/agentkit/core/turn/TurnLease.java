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
        /**
         * Extends the lease to {@code ttl} from now if it is still this holder's. Called by the turn's
         * heartbeat every third of the lease's time to live, so a turn longer than its lease keeps it.
         *
         * @return true when the lease is still held (and now lasts {@code ttl} more); false when it was
         *         lost (it ran out and another holder took it), after which the turn stops pulling work.
         *         A failure to reach the lease's store is thrown; the turn keeps the lease until its last
         *         known expiry. The default keeps the lease as it is and returns true: a lease that cannot
         *         be renewed must be given a time to live longer than any turn.
         */
        default boolean renew(Duration ttl) {
            return true;
        }

        @Override
        void close();
    }
}
