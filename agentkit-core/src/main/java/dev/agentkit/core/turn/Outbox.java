package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent publishes during a turn. Publishes made while an item is processed wait until it
 * is done and go out before its ack, with message ids derived from the item
 * ({@code <agent>:<item id>:<n>}), so a redelivered item publishes nothing twice: the broker
 * reporting such a publish as a duplicate is expected. Other publishes go out at once with ids
 * derived from the turn ({@code <agent>:<turn id>:<n>}), which no other message has: the broker
 * dropping one as a duplicate means a new message was lost, and is an error, logged and thrown.
 * A message id the caller set itself is the caller's to de-duplicate.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private record Pending(String subject, Envelope envelope) {
    }

    private final Broker broker;
    private final AgentClock clock;
    private final String agent;
    private final String turnId;
    private final List<Pending> held = new ArrayList<>();
    private String itemId;
    private int sequence;

    Outbox(Broker broker, AgentClock clock, String agent, String turnId) {
        this.broker = broker;
        this.clock = clock;
        this.agent = agent;
        this.turnId = turnId;
    }

    /** From now until {@link #completeItem()} or {@link #discardItem()}, publishes are held for {@code id}. */
    void beginItem(String id) {
        itemId = id;
        held.clear();
    }

    void completeItem() {
        int n = 0;
        for (Pending p : held) {
            send(p.subject(), p.envelope(), agent + ":" + itemId + ":" + (++n), false);
        }
        held.clear();
        itemId = null;
    }

    void discardItem() {
        held.clear();
        itemId = null;
    }

    /** Stamps and publishes (or holds) a message. */
    void publish(String subject, Envelope envelope) {
        Envelope stamped = envelope.withHeader(Headers.SENDER, agent).withHeader(Headers.TIME, clock.now().toString());
        if (itemId != null) {
            held.add(new Pending(subject, stamped));
        } else {
            send(subject, stamped, agent + ":" + turnId + ":" + (++sequence), true);
        }
    }

    /**
     * Publishes at once, even inside an item (questions cannot wait for the item to finish).
     * {@code mustBeNew}: the id names a message never sent before, so a duplicate is an error.
     */
    void publishNow(String subject, Envelope envelope, String messageId, boolean mustBeNew) {
        send(subject, envelope.withHeader(Headers.SENDER, agent).withHeader(Headers.TIME, clock.now().toString()),
                messageId, mustBeNew);
    }

    private void send(String subject, Envelope e, String defaultId, boolean mustBeNew) {
        boolean ours = e.header(Headers.MESSAGE_ID).isEmpty();
        Envelope out = ours ? e.withMessageId(defaultId) : e;
        PublishResult result = broker.publish(subject, out);
        if (!result.duplicate()) {
            return;
        }
        if (ours && mustBeNew) {
            String what = "the broker dropped a new message to " + subject + " as a duplicate: its id " + defaultId
                    + " is already in stream " + result.stream() + " at sequence " + result.sequence();
            log.error("{} {}", agent, what);
            throw new BrokerException(what, false);
        }
        log.debug("{} published {} again; the broker kept the first copy ({} #{})", agent, subject, result.stream(),
                result.sequence());
    }
}
