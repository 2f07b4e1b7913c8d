package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.PendingApproval;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks an item whose {@code processWork} returned {@link Outcome.AwaitApproval}: stores the
 * question in the {@link ApprovalBook} (a reference to the item and bounded text) and posts it
 * to the agent's room and the alerts room, each post once (its idempotency key names the
 * request, its delivery and its round). The caller acks the delivery only after this returned;
 * a store failure is thrown, and the caller puts the item back, so it is never lost. A delivery parked
 * before (a crash before its ack) is found again and not asked twice.
 */
final class Parking {
    private static final Logger log = LoggerFactory.getLogger(Parking.class);

    private final AgentConfig config;
    private final ApprovalBook book;
    private final ChatOutbox chat;
    private final AgentClock clock;

    Parking(AgentConfig config, ApprovalBook book, ChatOutbox chat, AgentClock clock) {
        this.config = config;
        this.book = book;
        this.chat = chat;
        this.clock = clock;
    }

    /** {@code delay} from now, when an item whose question could not be stored comes back. */
    Instant later(Duration delay) {
        return clock.now().plus(delay);
    }

    /** Stores and asks; empty when the agent has too many questions waiting (the caller blocks the item instead). */
    Optional<Settlement.Settled> park(Delivery d, Outcome.AwaitApproval await) {
        Optional<PendingApproval> parked = book.park(config.name(), d, Settlement.itemId(d), await.question(), await.options());
        if (parked.isEmpty()) {
            return Optional.empty();
        }
        PendingApproval e = parked.get();
        if (!e.pending()) {
            return Optional.of(Settlement.Settled.of(ItemEvent.Result.AWAITING_APPROVAL, e.item()
                    + " was decided already; the item with the decision is in the queue"));
        }
        ask(e, "");
        log.info("{} parked {} until a human decides ({}): {}", config.name(), Settlement.describe(d),
                e.item(), e.question());
        return Optional.of(Settlement.Settled.of(ItemEvent.Result.AWAITING_APPROVAL,
                "awaiting approval " + e.item() + ": " + e.question()));
    }

    /** Posts the question of {@code e} (its current round) to the agent's room and the alerts room, after {@code lead}. */
    void ask(PendingApproval e, String lead) {
        String text = config.name() + ": " + lead + e.questionText();
        String key = config.name() + ":approval:" + e.stream() + ":" + e.sequence() + ":" + e.round();
        chat.post(config.room(), text, key + ":room");
        if (!config.alertsRoom().equals(config.room())) {
            chat.post(config.alertsRoom(), text, key + ":alerts");
        }
    }
}
