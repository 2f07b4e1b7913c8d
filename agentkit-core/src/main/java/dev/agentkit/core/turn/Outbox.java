package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import java.util.ArrayList;
import java.util.List;

/**
 * What an agent publishes during a turn. Publishes made while an item is processed wait until it
 * is done and go out before its ack, with message ids derived from the item, so a redelivered
 * item publishes nothing twice; other publishes go out at once with ids derived from the turn.
 */
final class Outbox {
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
            send(p.subject(), p.envelope(), agent + ":" + itemId + ":" + (++n));
        }
        held.clear();
        itemId = null;
    }

    void discardItem() {
        held.clear();
        itemId = null;
    }

    /** Stamps and publishes (or holds) a message; returns the message id it gets when published now. */
    void publish(String subject, Envelope envelope) {
        Envelope stamped = envelope.withHeader(Headers.SENDER, agent).withHeader(Headers.TIME, clock.now().toString());
        if (itemId != null) {
            held.add(new Pending(subject, stamped));
        } else {
            send(subject, stamped, agent + ":" + turnId + ":" + (++sequence));
        }
    }

    /** Publishes at once, even inside an item (questions cannot wait for the item to finish). */
    void publishNow(String subject, Envelope envelope, String messageId) {
        send(subject, envelope.withHeader(Headers.SENDER, agent).withHeader(Headers.TIME, clock.now().toString()),
                messageId);
    }

    private void send(String subject, Envelope e, String defaultId) {
        broker.publish(subject, e.header(Headers.MESSAGE_ID).isPresent() ? e : e.withMessageId(defaultId));
    }
}
