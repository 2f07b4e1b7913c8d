package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link QueueDrainer} does with a requirement no role fits: with dead-lettering on, it is
 * dead-lettered through the turn's own {@link Settlement} (a {@link DeadLetter} of kind
 * {@code unroutable}, indexed, escalated once through the chat); else, with a chat, a plain
 * alert is posted. Both are idempotent across runs; a failure is logged and reported, never thrown.
 */
final class Unroutable {
    private static final Logger log = LoggerFactory.getLogger(Unroutable.class);

    private final String name;
    private final String deadSubject;
    private final boolean deadLetter;
    private final ChatPort chat;
    private final String alertsRoom;
    private final Settlement settlement;

    Unroutable(Broker broker, String name, String deadSubject, boolean deadLetter, ChatPort chat, String alertsRoom,
               DeadLetterIndex index) {
        this.name = name;
        this.deadSubject = deadSubject;
        this.deadLetter = deadLetter;
        this.chat = chat;
        this.alertsRoom = alertsRoom;
        this.settlement = new Settlement(broker, name, deadSubject, index, AgentConfig.DEFAULT_FAILURE_DELAY,
                AgentConfig.DEFAULT_BLOCKED_DELAY, alertsRoom, chat == null ? null : chat::post);
    }

    Placement place(Requirement r, String reason) {
        if (!deadLetter) {
            return placement(r, reason, false, chat != null && alert(r, reason));
        }
        Envelope original = Envelope.ofJson(QueueDrainer.body(r)).withMessageId(HeaderValues.safe(r.id()))
                .withHeader(Headers.SENDER, name)
                .withHeader(Headers.TYPE, QueueDrainer.TYPE);
        DeadLetter letter = DeadLetter.of(original, null, null, 0, 0, name, DeadLetter.Kind.UNROUTABLE,
                "unroutable: " + reason, reason);
        try {
            return placement(r, reason, true, settlement.deadLetter(letter));
        } catch (ChatException e) {
            log.warn("{}: could not post the unroutable alert to {}: {}", r.id(), alertsRoom, e.getMessage());
            return placement(r, reason, true, false);
        } catch (RuntimeException e) {
            log.warn("{}: could not dead-letter the unroutable requirement to {}: {}", r.id(), deadSubject, e.toString());
            return placement(r, reason, false, false);
        }
    }

    private Placement placement(Requirement r, String reason, boolean dead, boolean alerted) {
        return new Placement(r, Placement.Status.UNROUTABLE, null, dead ? deadSubject : null, reason, dead, alerted);
    }

    private boolean alert(Requirement r, String reason) {
        String text = name + ": " + r.id() + " could not be routed (" + reason + "): " + r.statement();
        try {
            chat.post(alertsRoom, text, name + ":unroutable:" + r.id());
            return true;
        } catch (ChatException e) {
            log.warn("{}: could not post the unroutable alert to {}: {}", r.id(), alertsRoom, e.getMessage());
            return false;
        }
    }
}
