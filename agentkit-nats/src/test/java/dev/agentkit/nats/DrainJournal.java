package dev.agentkit.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The journal that every life of {@link KillableDrainAgent} appends to, read by
 * {@link AgentKillRestartIT}: {@link #poll} follows it while a life runs (complete lines only),
 * {@link #entries} parses the whole of it for the final accounting.
 */
final class DrainJournal {
    /** One line: its kind ({@code start}, {@code done}, {@code failed}, {@code turn}, {@code up}, ...), the item or turn id, the life. */
    record Entry(String kind, String subject, int life, String line) {
        static Entry parse(String line) {
            String[] words = line.split(" ");
            String subject = words.length > 1 && !words[1].startsWith("life=") ? words[1] : "";
            int life = -1;
            for (String w : words) {
                if (w.startsWith("life=")) {
                    life = Integer.parseInt(w.substring(5));
                }
            }
            return new Entry(words[0], subject, life, line);
        }
    }

    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    DrainJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
    }

    Path file() {
        return file;
    }

    /** The complete lines appended since the last poll. */
    List<Entry> poll() {
        List<Entry> got = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= offset) {
                return got;
            }
            ByteBuffer b = ByteBuffer.allocate((int) (size - offset));
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // read until the buffer is full
            }
            offset += b.position();
            partial.append(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            got.add(Entry.parse(partial.substring(0, nl)));
            partial.delete(0, nl + 1);
        }
        return got;
    }

    /** Every complete line of the journal. */
    List<Entry> entries() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Entry::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the journal says about the items: which lives started each, which acked it. */
    static final class Items {
        final Map<String, List<Integer>> startedIn = new TreeMap<>();
        final Map<String, Set<Integer>> markedIn = new TreeMap<>();
        final Map<String, Set<Integer>> doneIn = new TreeMap<>();
        /** Acks journaled by a life that had not journaled the item's processed mark before. */
        final List<String> ackedUnmarked = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        /** The lives that began each turn id. */
        final Map<String, Set<Integer>> turnLives = new LinkedHashMap<>();
        /** Each life's item starts, in order. */
        final Map<Integer, List<String>> startsOf = new TreeMap<>();
        /** Redeliveries of processed items that turns acked without work (turns a kill cut short are not counted). */
        int duplicatesSkipped;

        Items(List<Entry> entries) {
            for (Entry e : entries) {
                switch (e.kind()) {
                    case "start" -> {
                        startedIn.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e.life());
                        startsOf.computeIfAbsent(e.life(), k -> new ArrayList<>()).add(e.subject());
                    }
                    case "marked" -> markedIn.computeIfAbsent(e.subject(), k -> new TreeSet<>()).add(e.life());
                    case "done" -> {
                        doneIn.computeIfAbsent(e.subject(), k -> new TreeSet<>()).add(e.life());
                        if (!markedIn.getOrDefault(e.subject(), Set.of()).contains(e.life())) {
                            ackedUnmarked.add(e.line());
                        }
                    }
                    case "failed" -> failures.add(e.line());
                    case "turn-start" -> turnLives.computeIfAbsent(e.subject(), k -> new TreeSet<>()).add(e.life());
                    case "turn" -> duplicatesSkipped += Integer.parseInt(e.line().replaceAll(".* duplicates=(\\d+).*", "$1"));
                    default -> {
                    }
                }
            }
        }

        /** Items whose processWork ran more than once. */
        Set<String> ranMoreThanOnce() {
            Set<String> ids = new TreeSet<>();
            startedIn.forEach((id, lives) -> {
                if (lives.size() > 1) {
                    ids.add(id);
                }
            });
            return ids;
        }

        /**
         * Items whose run a kill interrupted before {@code stage} ({@link #markedIn} or
         * {@link #doneIn}): started in a killed life that never journaled that stage for them.
         */
        Set<String> interruptedBefore(Map<String, Set<Integer>> stage, Set<Integer> killedLives) {
            Set<String> ids = new TreeSet<>();
            startedIn.forEach((id, lives) -> {
                for (int life : lives) {
                    if (killedLives.contains(life) && !stage.getOrDefault(id, Set.of()).contains(life)) {
                        ids.add(id);
                    }
                }
            });
            return ids;
        }

        /**
         * Runs that were repeated although no kill explains it: every run of an item but its last
         * must be the only run in a killed life that neither marked it processed nor acked it.
         */
        List<String> unexplainedRepeats(Set<Integer> killedLives) {
            List<String> bad = new ArrayList<>();
            startedIn.forEach((id, lives) -> {
                Set<Integer> marked = markedIn.getOrDefault(id, Set.of());
                Set<Integer> done = doneIn.getOrDefault(id, Set.of());
                for (int i = 0; i < lives.size() - 1; i++) {
                    int life = lives.get(i);
                    if (!killedLives.contains(life) || marked.contains(life) || done.contains(life)
                            || lives.get(i + 1) == life) {
                        bad.add(id + " ran in lives " + lives + ", marked in " + marked + ", acked in " + done);
                        break;
                    }
                }
            });
            return bad;
        }

        /**
         * Where each killed life's kill landed: {@code before work} (no item started), {@code mid-item}
         * (its last started item was not acked by it), or {@code between items}.
         */
        Map<String, Integer> killPhases(Set<Integer> killedLives) {
            Map<String, Integer> phases = new TreeMap<>();
            for (int life : killedLives) {
                List<String> starts = startsOf.getOrDefault(life, List.of());
                String phase = starts.isEmpty() ? "before work"
                        : doneIn.getOrDefault(starts.get(starts.size() - 1), Set.of()).contains(life) ? "between items"
                        : "mid-item";
                phases.merge(phase, 1, Integer::sum);
            }
            return phases;
        }

        /** Turn ids begun by more than one life: the turn count was not saved before a kill. */
        Map<String, Set<Integer>> reusedTurnIds() {
            Map<String, Set<Integer>> reused = new LinkedHashMap<>();
            turnLives.forEach((turn, lives) -> {
                if (lives.size() > 1) {
                    reused.put(turn, lives);
                }
            });
            return reused;
        }
    }
}
