package dev.agentkit.core.oversight;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.message.Json;
import dev.agentkit.core.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Dead letters by item id, in the team's {@link StateStore}: written by the turn cycle when it
 * gives an item up and by the {@link DeadLetterDesk} when it reads a letter nobody indexed, read
 * by {@code retry}, {@code skip}, {@code reassign} and {@code status}. An item dead-lettered again
 * replaces its entry (the new letter is open) but keeps its count of republishes, so every retry
 * gets a fresh message id. Item ids match without regard to case. Each letter is indexed once,
 * and remembers whether it was escalated, so an alert goes out once whoever reads the letter.
 *
 * <p>Keys: {@code oversight.letter.<item>}, {@code oversight.letters.<agent>} (the items an agent
 * ever dead-lettered) and {@code oversight.known.<letter id>}.
 */
public final class DeadLetterIndex {
    private static final TypeReference<List<String>> ITEMS = new TypeReference<>() {
    };
    private static final String ESCALATED = "escalated";

    private final StateStore store;

    public DeadLetterIndex(StateStore store) {
        this.store = store;
    }

    /**
     * Indexes {@code letter} (published to {@code subject}) as open, unless this letter was
     * indexed before; {@code escalated} says whether the caller posts its alert. Returns the new
     * entry, or empty when the letter was known.
     */
    public Optional<DeadLetterEntry> recordNew(String subject, DeadLetter letter, boolean escalated) {
        if (store.get(knownKey(letter)).isPresent()) {
            return Optional.empty();
        }
        DeadLetterEntry entry = DeadLetterEntry.open(subject, letter,
                find(letter.item()).map(DeadLetterEntry::republished).orElse(0));
        put(letter.item(), entry);
        addToAgent(letter.agent(), letter.item());
        store.put(knownKey(letter), escalated ? ESCALATED : "indexed");
        return Optional.of(entry);
    }

    /** Whether the alert for {@code letter} was posted (or handed to a chat outbox). */
    public boolean isEscalated(DeadLetter letter) {
        return store.get(knownKey(letter)).filter(ESCALATED::equals).isPresent();
    }

    /** Records that the alert for {@code letter} was posted. */
    public void markEscalated(DeadLetter letter) {
        store.put(knownKey(letter), ESCALATED);
    }

    /** The entry of {@code item}, if it was ever dead-lettered. */
    public Optional<DeadLetterEntry> find(String item) {
        return store.get(key(item)).map(json -> Json.read(json, DeadLetterEntry.class));
    }

    /** Replaces the entry of {@code item}. */
    public void put(String item, DeadLetterEntry entry) {
        store.put(key(item), Json.writeString(entry));
    }

    /** The entries of items {@code agent} dead-lettered that nobody has acted on. */
    public List<DeadLetterEntry> openOf(String agent) {
        List<DeadLetterEntry> open = new ArrayList<>();
        for (String item : itemsOf(agent)) {
            find(item).filter(e -> e.status() == DeadLetterEntry.Status.OPEN)
                    .filter(e -> e.letter().agent().equals(agent)).ifPresent(open::add);
        }
        return open;
    }

    private Set<String> itemsOf(String agent) {
        return store.get(agentKey(agent)).map(json -> new LinkedHashSet<>(Json.mapper().convertValue(
                Json.read(json, List.class), ITEMS))).orElseGet(LinkedHashSet::new);
    }

    private void addToAgent(String agent, String item) {
        Set<String> items = itemsOf(agent);
        if (items.add(item.toLowerCase(Locale.ROOT))) {
            store.put(agentKey(agent), Json.writeString(items));
        }
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
