package dev.agentkit.core.internal.oversight;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes a family of {@link StateStore} records forgettable by age and count. Each record is
 * noted under its day ({@code <prefix>.day.<yyyy-mm-dd>}, the day's notes in one value); a small
 * index ({@code <prefix>.days}) counts them per day. Noting a record rewrites only its day and
 * the index; days older than the age limit, and the oldest days while the count is over its
 * limit, are forgotten whole, each note handed to a callback that deletes what it names. Used by
 * the {@link CommandLedger} and the {@link DeadLetterIndex} (closed letters).
 */
public final class AgeJournal {
    private static final TypeReference<List<Day>> DAYS = new TypeReference<>() {
    };
    private static final TypeReference<List<List<String>>> NOTES = new TypeReference<>() {
    };

    /** One day's count of notes. */
    record Day(String day, int count) {
    }

    private final StateStore store;
    private final String prefix;
    private final Duration maxAge;
    private final int maxCount;
    private final AgentClock clock;
    private final Consumer<List<String>> forget;

    public AgeJournal(StateStore store, String prefix, Duration maxAge, int maxCount, AgentClock clock,
               Consumer<List<String>> forget) {
        this.store = store;
        this.prefix = prefix;
        this.maxAge = maxAge;
        this.maxCount = maxCount;
        this.clock = clock;
        this.forget = forget;
    }

    /** Notes {@code names} (what {@code forget} gets back), today; then forgets what is too old or too many. */
    public void note(List<String> names) {
        String today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC).toString();
        List<List<String>> notes = read(dayKey(today));
        notes.add(List.copyOf(names));
        store.put(dayKey(today), Json.writeString(notes));
        List<Day> days = new ArrayList<>(store.get(prefix + ".days")
                .map(json -> Json.mapper().convertValue(Json.read(json, List.class), DAYS)).orElse(List.of()));
        days.removeIf(d -> d.day().equals(today));
        days.add(new Day(today, notes.size()));
        String oldest = LocalDate.ofInstant(clock.now().minus(maxAge), ZoneOffset.UTC).toString();
        int total = days.stream().mapToInt(Day::count).sum();
        String forgotten = null;
        while (days.size() > 1 && (days.get(0).day().compareTo(oldest) < 0 || total > maxCount)) {
            Day gone = days.remove(0);
            total -= gone.count();
            read(dayKey(gone.day())).forEach(forget);
            store.delete(dayKey(gone.day()));
            forgotten = gone.day();
        }
        if (forgotten != null) {
            store.put(prefix + ".forgotten", forgotten);
        }
        store.put(prefix + ".days", Json.writeString(days));
    }

    /** Whether a record noted at {@code at} may have been forgotten (its day, or a later one, was). */
    public boolean mayHaveForgotten(Instant at) {
        String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
        return store.get(prefix + ".forgotten").filter(last -> day.compareTo(last) <= 0).isPresent();
    }

    private List<List<String>> read(String key) {
        return new ArrayList<>(store.get(key).map(json -> Json.mapper().convertValue(Json.read(json, List.class), NOTES))
                .orElse(List.of()));
    }

    private String dayKey(String day) {
        return prefix + ".day." + day;
    }
}
