package dev.agentkit.routing.work;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.Settlement;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off one durable consumer's queue through a {@link WorkHandler} until the queue is empty
 * or the item budget is spent, and says how many items it processed: the work loop of the
 * workshop's Exercise 3.2. For scripts, batch jobs and workers that are not turn-based agents.
 * (What puts requirements <em>onto</em> the queues is {@code QueueDrainer}.)
 *
 * <p>It is built on the core {@link Broker} and a handler returning a core {@link Outcome},
 * rather than on repeated {@code TurnBasedAgent.runTurn()} calls, because a turn has its own
 * budget that the loop could not cap (a loop of 5 would run a turn of 20), and each turn also
 * reads the chat, the coordination streams and posts a status line, which a loop does not want.
 * An agent that wants to work off its queue runs one turn with {@code TurnBudget.items(n)}: that
 * turn is this loop with the agent's extras.
 *
 * <p>It fetches one delivery at a time, so a spent budget burns no delivery attempt, and settles
 * each by the turn's own rule ({@link Settlement}): done is marked processed (with a store) and
 * then acked; retry and blocked are nak'ed with their delay (blocked with
 * {@link Builder#blockedDelay}, and posted to the alerts room with {@link Builder#alerts}); a
 * handler exception is nak'ed with {@link Builder#failureDelay}; reject and poison (a body that
 * is not JSON, or {@link PoisonMessageException}) are dead-lettered and terminated, as is any
 * failure on the consumer's last allowed delivery. A dead letter is the turn's: the same
 * headers, indexed in the {@link DeadLetterIndex} of {@link Builder#stateStore}, escalated once
 * to the alerts room. The agent a letter names is the consumer's durable. The budget counts
 * deliveries, not successes, so items nak'ed with no delay cannot keep the loop going forever.
 * Handlers run on the calling thread; one that runs longer than the consumer's ack wait should
 * live in a {@code TurnBasedAgent}, whose turn marks work in progress.
 */
public final class WorkLoop {
    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);

    private final Broker broker;
    private final WorkHandler handler;
    private final String deadLetterSubject;
    private final Duration fetchWait;
    private final Duration failureDelay;
    private final Duration blockedDelay;
    private final ProcessedStore processed;
    private final DeadLetterIndex index;
    private final ChatPort alerts;
    private final String alertsRoom;

    private WorkLoop(Builder b) {
        this.broker = b.broker;
        this.handler = b.handler;
        this.deadLetterSubject = b.deadLetterSubject;
        this.fetchWait = b.fetchWait;
        this.failureDelay = b.failureDelay;
        this.blockedDelay = b.blockedDelay;
        this.processed = b.processed;
        this.index = new DeadLetterIndex(b.state, b.clock);
        this.alerts = b.alerts;
        this.alertsRoom = b.alertsRoom;
    }

    /**
     * A builder: items of {@code broker} go through {@code handler}, given-up items to
     * {@code deadLetterSubject} (e.g. {@code topology.deadLetterSubject("roy")}).
     */
    public static Builder builder(Broker broker, WorkHandler handler, String deadLetterSubject) {
        return new Builder(broker, handler, deadLetterSubject);
    }

    /**
     * Pulls and processes deliveries of {@code consumer} until it has none or {@code maxItems}
     * were pulled. Broker failures stop the loop ({@code BROKER_FAILURE}); what was fetched and not
     * settled is redelivered after the ack wait.
     */
    public WorkReport run(ConsumerSpec consumer, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive, was " + maxItems);
        }
        ConsumerRef ref = ConsumerRef.of(consumer);
        Settlement settlement = new Settlement(broker, consumer.durable(), deadLetterSubject, index, failureDelay,
                blockedDelay, alertsRoom, alerts == null ? null : alerts::post);
        Tally tally = new Tally();
        StopReason stop;
        try {
            stop = loop(settlement, consumer, ref, maxItems, tally);
        } catch (BrokerException e) {
            if (e instanceof Settlement.Requeued) {   // on its last delivery, so requeued with a fresh budget
                tally.processed++;
                tally.retried++;
            }
            log.warn("work loop on {} stopped: the broker failed: {}", ref, e.getMessage());
            stop = StopReason.BROKER_FAILURE;
        }
        WorkReport report = new WorkReport(tally.processed, tally.done, tally.retried, tally.dead, tally.duplicates, stop);
        log.info("work loop on {}: {}", ref, report.summary());
        return report;
    }

    private StopReason loop(Settlement settlement, ConsumerSpec consumer, ConsumerRef ref, int maxItems, Tally tally) {
        while (tally.processed < maxItems) {
            List<Delivery> batch = broker.fetch(ref, 1, fetchWait);
            if (batch.isEmpty()) {
                return StopReason.QUEUE_EMPTY;
            }
            for (Delivery d : batch) {
                settle(settlement, consumer, d, tally);
                tally.processed++;
            }
        }
        return StopReason.MAX_ITEMS;
    }

    private void settle(Settlement settlement, ConsumerSpec consumer, Delivery d, Tally tally) {
        String id = Settlement.itemId(d);
        String key = consumer.durable() + "." + id;
        if (processed != null && processed.isProcessed(key)) {
            log.info("{} was already processed; acking the redelivery", id);
            d.ack();
            tally.duplicates++;
            return;
        }
        WorkItem item = new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(),
                consumer.isLastDelivery(d.deliveryCount()));
        Settlement.Settled settled;
        try {
            // marked before the ack, which is fire-and-forget and may be lost
            settled = settlement.process(d, consumer, x -> handler.handle(item), () -> mark(key, id));
        } catch (QuotaExceededException e) {
            settled = settlement.fail(d, consumer, e);   // no budget to defer against: the item's failure
        }
        tally.add(settled.result());
    }

    /** Marks a done item; if the mark fails it is still acked: left unacked, it would surely run again. */
    private void mark(String key, String id) {
        if (processed == null) {
            return;
        }
        try {
            processed.markProcessed(key);
        } catch (RuntimeException e) {
            log.warn("{} is done but could not be marked processed; acking it, so only a lost ack can run it again: {}",
                    id, e.toString());
        }
    }

    /** Counts of one run. */
    private static final class Tally {
        int processed;
        int done;
        int retried;
        int dead;
        int duplicates;

        void add(ItemEvent.Result result) {
            switch (result) {
                case DONE -> done++;
                case DEAD_LETTERED -> dead++;
                default -> retried++;
            }
        }
    }

    /** Builds a {@link WorkLoop}; each setter validates at once. */
    public static final class Builder {
        private final Broker broker;
        private final WorkHandler handler;
        private final String deadLetterSubject;
        private Duration fetchWait = Duration.ZERO;
        private Duration failureDelay = AgentConfig.DEFAULT_FAILURE_DELAY;
        private Duration blockedDelay = AgentConfig.DEFAULT_BLOCKED_DELAY;
        private ProcessedStore processed;
        private StateStore state = new InMemoryStateStore();
        private AgentClock clock = AgentClock.system();
        private ChatPort alerts;
        private String alertsRoom = Rooms.ALERTS;

        private Builder(Broker broker, WorkHandler handler, String deadLetterSubject) {
            this.broker = Objects.requireNonNull(broker, "broker");
            this.handler = Objects.requireNonNull(handler, "handler");
            Subjects.requireValid("dead-letter subject", deadLetterSubject);
            this.deadLetterSubject = deadLetterSubject;
        }

        /** How long each fetch waits for an item; zero (the default) ends the run at the first empty fetch. */
        public Builder fetchWait(Duration d) {
            this.fetchWait = nonNegative("fetchWait", d);
            return this;
        }

        /** The redelivery delay after the handler throws; 5 minutes by default, as an agent's. */
        public Builder failureDelay(Duration d) {
            this.failureDelay = nonNegative("failureDelay", d);
            return this;
        }

        /** The redelivery delay of a blocked item; 30 minutes by default. */
        public Builder blockedDelay(Duration d) {
            this.blockedDelay = nonNegative("blockedDelay", d);
            return this;
        }

        /** Skips (and acks) items already marked in {@code store}, and marks each done item before acking it. */
        public Builder processedStore(ProcessedStore store) {
            this.processed = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The team's state store, where dead letters are indexed as the agents index theirs (so
         * {@code retry}, {@code skip}, {@code reassign} and {@code status} find them); an in-memory
         * store by default, which the {@code DeadLetterDesk} makes up for when it reads the letters.
         */
        public Builder stateStore(StateStore store) {
            this.state = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock that stamps index entries; the system clock by default. */
        public Builder clock(AgentClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Posts each new dead letter's escalation, and each blocked item, to the alerts room
         * through {@code chat}; none by default (the {@code DeadLetterDesk} escalates the letters it reads).
         */
        public Builder alerts(ChatPort chat) {
            this.alerts = Objects.requireNonNull(chat, "chat");
            return this;
        }

        /** The logical room for alerts, {@code alerts} by default. */
        public Builder alertsRoom(String room) {
            if (room == null || room.isBlank()) {
                throw new IllegalArgumentException("alerts room must not be blank");
            }
            this.alertsRoom = room;
            return this;
        }

        /** The loop. */
        public WorkLoop build() {
            return new WorkLoop(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be zero or positive, was " + d);
            }
            return d;
        }
    }
}
