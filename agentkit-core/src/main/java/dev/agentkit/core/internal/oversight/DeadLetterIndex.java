package dev.agentkit.core.internal.oversight;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters by item id, in the team's {@link StateStore}: written by the turn cycle after it
 * published a letter and by the {@link DeadLetterDesk} when it reads a letter nobody indexed,
 * read by {@code retry}, {@code skip}, {@code reassign} and {@code status}. An entry is a
 * reference to the letter in its stream (see {@link DeadLetterEntry}), never a copy. An item
 * dead-lettered again replaces its entry (the new letter is open) but keeps its count of
 * republishes, so every retry gets a fresh message id. Item ids match without regard to case.
 * Each letter is indexed once, and remembers whether its alert was handed to the chat, so an
 * alert goes out once whoever reads the letter.
 *
 * <p>Keys: {@code oversight.letter.<item>}, {@code oversight.letters.<agent>} (the agent's open
 * items, at most {@link #MAX_OPEN_PER_AGENT}), {@code oversight.known.<letter id>} and the
 * journal of closed entries {@code oversight.closed.*}. It forgets: a closed entry (retried,
 * skipped, reassigned) after {@link #CLOSED_MAX_AGE} or beyond the newest
 * {@link #CLOSED_MAX_COUNT} closed ones; the oldest open entry of an agent over
 * {@link #MAX_OPEN_PER_AGENT}. A forgotten item is answered "I know no dead letter"; its letter
 * stays in the dead-letter stream until the stream's own limits remove it.
 */
public final class DeadLetterIndex {
    /** Open entries kept per agent; past it the oldest is forgotten, with a WARN line. */
    public static final int MAX_OPEN_PER_AGENT = 1_000;
    /** How long a closed entry is kept (its "already retried" answer). */
    public static final Duration CLOSED_MAX_AGE = Duration.ofDays(30);
    /** How many closed entries are kept at most, newest first (whole days are forgotten, never today's). */
    public static final int CLOSED_MAX_COUNT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterIndex.class);
    private static final String ESCALATED = "escalated";

    private final StateStore store;
    private final AgentClock clock;
    private final AgeJournal closed;

    /** The index in {@code store}, timed by the system clock. */
    public DeadLetterIndex(StateStore store) {
        this(store, AgentClock.system());
    }

    /** The index in {@code store}; {@code clock} stamps entries and ages closed ones. */
    public DeadLetterIndex(StateStore store, AgentClock clock) {
        this.store = store;
        this.clock = clock;
        this.closed = new AgeJournal(store, "oversight.closed", CLOSED_MAX_AGE, CLOSED_MAX_COUNT, clock,
                note -> forgetClosed(note.get(0), note.get(1)));
    }

    /**
     * Indexes {@code letter}, published to {@code subject} and stored at {@code sequence} of
     * {@code stream}, as open, unless this letter was indexed before. Returns the new entry, or
     * empty when the letter was known. Whether its alert was posted is recorded apart, by
     * {@link #markEscalated}, once the alert was handed to the chat.
     */
    public Optional<DeadLetterEntry> recordNew(String subject, String stream, long sequence, DeadLetter letter) {
        if (store.get(knownKey(letter)).isPresent()) {
            return Optional.empty();
        }
        DeadLetterEntry entry = DeadLetterEntry.open(subject, stream, sequence, letter,
                find(letter.item()).map(DeadLetterEntry::republished).orElse(0), clock.now());
        store.put(key(letter.item()), Json.writeString(entry));
        addOpen(letter.agent(), letter.item());
        store.put(knownKey(letter), "indexed");
        return Optional.of(entry);
    }

    /** Whether the alert for {@code letter} was posted (or handed to a chat outbox). */
    public boolean isEscalated(DeadLetter letter) {
        return store.get(knownKey(letter)).filter(ESCALATED::equals).isPresent();
    }

    /** Records that the alert for {@code letter} was posted (or handed to a chat outbox). */
    public void markEscalated(DeadLetter letter) {
        store.put(knownKey(letter), ESCALATED);
    }

    /** The entry of {@code item}, if it was dead-lettered and not forgotten. */
    public Optional<DeadLetterEntry> find(String item) {
        return store.get(key(item)).flatMap(DeadLetterIndex::read);
    }

    /** The entry in {@code json}; empty for an entry of an older form (a copy of the letter, no reference). */
    private static Optional<DeadLetterEntry> read(String json) {
        try {
            return Optional.of(Json.read(json, DeadLetterEntry.class)).filter(e -> e.letterStream() != null);
        } catch (RuntimeException olderForm) {
            return Optional.empty();
        }
    }

    /**
     * Records what humans decided about {@code entry}: its new status and note, and the count of
     * republishes. A closed entry leaves its agent's open list and is forgotten after
     * {@link #CLOSED_MAX_AGE}.
     */
    public DeadLetterEntry decide(DeadLetterEntry entry, DeadLetterEntry.Status status, String note, int republished) {
        DeadLetterEntry updated = entry.withStatus(status, note, republished, clock.now());
        store.put(key(entry.item()), Json.writeString(updated));
        if (status != DeadLetterEntry.Status.OPEN) {
            removeOpen(entry.agent(), entry.item());
            closed.note(List.of(entry.item(), entry.letterId()));
        }
        return updated;
    }

    /** The entries of items {@code agent} dead-lettered that nobody has acted on, oldest first. */
    public List<DeadLetterEntry> openOf(String agent) {
        List<DeadLetterEntry> open = new ArrayList<>();
        for (String item : openItems(agent)) {
            find(item).filter(e -> e.status() == DeadLetterEntry.Status.OPEN)
                    .filter(e -> e.agent().equals(agent)).ifPresent(open::add);
        }
        return open;
    }

    private Set<String> openItems(String agent) {
        return StoredNames.read(store, agentKey(agent));
    }

    private void addOpen(String agent, String item) {
        Set<String> items = openItems(agent);
        String lower = item.toLowerCase(Locale.ROOT);
        items.remove(lower);
        items.add(lower);
        while (items.size() > MAX_OPEN_PER_AGENT) {
            String oldest = items.iterator().next();
            items.remove(oldest);
            log.warn("{} has more than {} open dead letters; the index forgets the oldest, {} (its letter stays in"
                    + " the dead-letter stream)", agent, MAX_OPEN_PER_AGENT, oldest);
            find(oldest).ifPresent(e -> forgetClosed(e.item(), e.letterId()));
            store.delete(key(oldest));
        }
        store.put(agentKey(agent), Json.writeString(items));
    }

    private void removeOpen(String agent, String item) {
        StoredNames.remove(store, agentKey(agent), item);
    }

    /** Forgets the letter {@code letterId} of {@code item}, and the entry unless it was reopened since. */
    private void forgetClosed(String item, String letterId) {
        store.delete("oversight.known." + letterId);
        store.get(key(item)).flatMap(DeadLetterIndex::read)
                .filter(e -> e.status() != DeadLetterEntry.Status.OPEN && letterId.equals(e.letterId()))
                .ifPresent(e -> store.delete(key(item)));
    }

    private static String key(String item) {
        return "oversight.letter." + item.toLowerCase(Locale.ROOT);
    }

    private static String agentKey(String agent) {
        return "oversight.letters." + agent;
    }

    private static String knownKey(DeadLetter letter) {
        return "oversight.known." + letter.letterId();
    }
}
