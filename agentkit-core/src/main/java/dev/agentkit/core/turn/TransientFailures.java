package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.topology.ConsumerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Settlement} does with a transient broker failure (a lost server, a failover): it is
 * not the item's. Before the item's last delivery it is left unsettled, to be redelivered after
 * its ack wait, where the processed mark skips what was done; on its last delivery (where that
 * would lose it) it is first requeued with a fresh delivery budget. A failure of the final ack or
 * term of an item whose outcome is already kept only leaves it to come back, never requeued.
 */
final class TransientFailures {
    private static final Logger log = LoggerFactory.getLogger(TransientFailures.class);

    private final Broker broker;
    private final String agent;

    TransientFailures(Broker broker, String agent) {
        this.broker = broker;
        this.agent = agent;
    }

    /** A transient failure of the last step of a settle whose outcome is already kept. */
    static final class OutcomeKept extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutcomeKept(BrokerException cause) {
            super(cause);
        }

        BrokerException failure() {
            return (BrokerException) getCause();
        }
    }

    /** Runs the final ack or term of an item whose outcome is kept, marking a transient failure of it. */
    static void kept(Runnable ackOrTerm) {
        try {
            ackOrTerm.run();
        } catch (BrokerException e) {
            throw e.isTransient() ? new OutcomeKept(e) : e;
        }
    }

    /** The failure to throw on for {@code e} while {@code d} was worked on or settled, requeueing it on its last delivery. */
    BrokerException thrown(Delivery d, ConsumerSpec consumer, BrokerException e) {
        if (!consumer.isLastDelivery(d.deliveryCount())) {
            return unsettled(d, e);
        }
        String how;
        try {
            how = QuotaDeferral.requeue(broker, d);
        } catch (BrokerException again) {
            log.error("{} could not requeue {} after a transient broker failure on its last delivery ({}); only the "
                    + "server's max-deliveries advisory still tells of it", agent, Settlement.describe(d),
                    again.getMessage());
            return e;
        }
        log.warn("{} met a transient broker failure on the last delivery of {} ({}); {}", agent, Settlement.describe(d),
                e.getMessage(), how);
        return new Settlement.Requeued(e, new Settlement.Settled(ItemEvent.Result.RETRIED,
                "transient broker failure: " + e.getMessage() + "; " + how, false, false, false));
    }

    /** {@code e} after logging that {@code d} is left unacked for redelivery. */
    BrokerException unsettled(Delivery d, BrokerException e) {
        log.warn("{} leaves {} unacked for redelivery: the broker failed transiently ({})", agent, Settlement.describe(d),
                e.getMessage());
        return e;
    }
}
