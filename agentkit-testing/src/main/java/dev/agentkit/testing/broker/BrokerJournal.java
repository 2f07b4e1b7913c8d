package dev.agentkit.testing.broker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The journal of an {@link InMemoryBroker}: what was published and how each delivery was settled,
 * the newest {@link InMemoryBroker#JOURNAL_LIMIT} entries of each, oldest first. Thread-safe.
 */
final class BrokerJournal {
    private final Deque<InMemoryBroker.Published> published = new ArrayDeque<>();
    private final Deque<InMemoryBroker.Settlement> settlements = new ArrayDeque<>();

    synchronized void published(InMemoryBroker.Published entry) {
        remember(published, entry);
    }

    synchronized void settled(InMemoryBroker.Settlement entry) {
        remember(settlements, entry);
    }

    synchronized List<InMemoryBroker.Published> published() {
        return List.copyOf(published);
    }

    synchronized List<InMemoryBroker.Settlement> settlements() {
        return List.copyOf(settlements);
    }

    private static <T> void remember(Deque<T> journal, T entry) {
        if (journal.size() == InMemoryBroker.JOURNAL_LIMIT) {
            journal.removeFirst();
        }
        journal.addLast(entry);
    }
}
