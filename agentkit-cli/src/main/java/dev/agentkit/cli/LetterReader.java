package dev.agentkit.cli;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.routing.drain.QueueDrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters as the shell commands see them: before {@code dead-letters}, {@code status}
 * and the oversight commands act, the letters nobody indexed yet (from the max-deliveries
 * watcher, another process, the drainer) are read from {@code work.deadletter.>} on a durable of
 * the command's own ({@value #DURABLE}) and put into the team's {@link DeadLetterIndex} without
 * being marked escalated, so a {@code DeadLetterDesk} still posts their alert. Then the index
 * answers.
 */
public final class LetterReader {
    public static final String DURABLE = "agentkit-cli";
    private static final Logger log = LoggerFactory.getLogger(LetterReader.class);
    private static final int BATCH = 100;
    private static final int MAX_ROUNDS = 50;

    private final Broker broker;
    private final Topology topology;
    private final DeadLetterIndex index;

    public LetterReader(Broker broker, Topology topology, StateStore state) {
        this.broker = broker;
        this.topology = topology;
        this.index = new DeadLetterIndex(state);
    }

    public DeadLetterIndex index() {
        return index;
    }

    /** Indexes the letters published since the last read; returns how many were read. */
    public int catchUp() {
        ConsumerSpec spec = new ConsumerSpec(Topology.DEAD_LETTER, DURABLE, List.of(topology.deadLetterSubject(">")),
                ConsumerSpec.DEFAULT_ACK_WAIT, -1, ConsumerSpec.DEFAULT_MAX_ACK_PENDING);
        try {
            broker.ensureConsumer(spec);
        } catch (BrokerException e) {
            log.warn("cannot read the dead letters ({}); showing what the index holds", e.getMessage());
            return 0;
        }
        int read = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Delivery> batch = broker.fetch(ConsumerRef.of(spec), BATCH, Duration.ZERO);
            if (batch.isEmpty()) {
                break;
            }
            for (Delivery d : batch) {
                index.recordNew(d.subject(), d.stream(), d.streamSequence(), DeadLetter.from(d.subject(), d.envelope()));
                d.ack();
                read++;
            }
        }
        return read;
    }

    /** The open letters of the team's agents and of the drainer, oldest agent first. */
    public List<DeadLetterEntry> open(Set<String> agents) {
        Set<String> who = new LinkedHashSet<>(agents);
        who.add(QueueDrainer.DEFAULT_NAME);
        List<DeadLetterEntry> open = new ArrayList<>();
        who.forEach(a -> open.addAll(index.openOf(a)));
        return open;
    }
}
