package dev.agentkit.testing.broker;

import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One durable pull consumer of the {@link InMemoryBroker}, with JetStream's bookkeeping: a
 * cursor over the stream for first deliveries, and the deliveries awaiting an ack with the time
 * each becomes due again (ack wait or nak delay). Redeliveries go out before new messages.
 * Guarded by the broker's lock.
 */
final class MemoryConsumer {
    /** A delivered, unsettled message. */
    static final class Pending {
        int deliveries;
        Instant dueAgain;
        long generation;
    }

    /** What {@link #take} hands out: the message and its delivery number. */
    record Taken(StoredMessage message, int deliveryCount, long generation) {
    }

    ConsumerSpec spec;
    final MemoryStream stream;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long cursor;
    private long generations;

    MemoryConsumer(ConsumerSpec spec, MemoryStream stream) {
        this.spec = spec;
        this.stream = stream;
        this.cursor = 0;
    }

    List<Taken> take(int max, Instant now, List<Long> exhausted) {
        sweep(now, exhausted);
        List<Taken> out = new ArrayList<>();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            if (out.size() >= max) {
                return out;
            }
            Pending p = e.getValue();
            if (!p.dueAgain.isAfter(now)) {
                p.deliveries++;
                p.dueAgain = now.plus(spec.ackWait());
                p.generation = ++generations;
                out.add(new Taken(stream.get(e.getKey()), p.deliveries, p.generation));
            }
        }
        Iterator<StoredMessage> fresh = stream.after(cursor).values().iterator();
        while (out.size() < max && pending.size() < spec.maxAckPending() && fresh.hasNext()) {
            StoredMessage m = fresh.next();
            cursor = m.sequence();
            if (matches(m.subject())) {
                Pending p = new Pending();
                p.deliveries = 1;
                p.dueAgain = now.plus(spec.ackWait());
                p.generation = ++generations;
                pending.put(m.sequence(), p);
                out.add(new Taken(m, 1, p.generation));
            }
        }
        return out;
    }

    /** Forgets deliveries whose message is gone, and those out of deliveries once due again. */
    void sweep(Instant now, List<Long> exhausted) {
        Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Pending> e = it.next();
            Pending p = e.getValue();
            boolean gone = stream.get(e.getKey()) == null;
            boolean spent = spec.maxDeliver() != -1 && p.deliveries >= spec.maxDeliver() && !p.dueAgain.isAfter(now);
            if (gone || spent) {
                it.remove();
                if (spent && !gone) {
                    exhausted.add(e.getKey());
                }
            }
        }
    }

    /** When the earliest unsettled delivery is due again (its ack wait or nak delay ends); empty with none. */
    Optional<Instant> nextDue() {
        return pending.values().stream().map(p -> p.dueAgain).min(Instant::compareTo);
    }

    void ack(long sequence) {
        if (pending.remove(sequence) != null && stream.spec.retention() == StreamSpec.Retention.WORK_QUEUE) {
            stream.remove(sequence);
        }
    }

    void term(long sequence) {
        pending.remove(sequence);
    }

    void nak(long sequence, long generation, Instant dueAgain) {
        Pending p = pending.get(sequence);
        if (p != null && p.generation == generation) {
            p.dueAgain = dueAgain;
        }
    }

    void inProgress(long sequence, long generation, Instant now) {
        Pending p = pending.get(sequence);
        if (p != null && p.generation == generation) {
            p.dueAgain = now.plus(spec.ackWait());
        }
    }

    long undelivered() {
        return stream.after(cursor).values().stream().filter(m -> matches(m.subject())).count();
    }

    long ackPending() {
        return pending.size();
    }

    boolean matches(String subject) {
        return spec.filterSubjects().isEmpty()
                || spec.filterSubjects().stream().anyMatch(f -> Subjects.matches(f, subject));
    }
}
