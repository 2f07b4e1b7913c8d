package dev.agentkit.routing.roadmap;

import dev.agentkit.core.routing.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pending requirements of a team's {@code ROADMAP.md}. {@code QueueDrainer} routes and
 * publishes what it returns; people edit the file by hand.
 *
 * <h2>Format</h2>
 * A requirement is a markdown checklist line:
 * <pre>
 * - [ ] REQ-001: Add login endpoint #backend #api `src/api/login.py`
 * - [x] REQ-002: Set up CI #infra `.github/workflows/ci.yml`
 * </pre>
 * <ul>
 *   <li>the bullet is {@code -}, {@code *} or {@code +}, then a checkbox: {@code [ ]} is pending,
 *       {@code [x]} (or {@code [X]}) is done and skipped;</li>
 *   <li>then the id, {@code REQ-} and at least three digits, and a colon;</li>
 *   <li>then the statement. Words starting with {@code #} are tags (kept lower-case, without the
 *       {@code #}); text in backticks names a file the work likely touches. Both may stand
 *       anywhere after the colon and are taken out of the statement.</li>
 * </ul>
 * Headings, prose, blank lines, plain bullets ({@code - note}, {@code - [a link](url)}) and
 * everything inside fenced code blocks are ignored.
 *
 * <h2>Problems</h2>
 * A checklist line (a bullet followed by a one-character box) that cannot be read is a problem:
 * a box other than {@code [ ]} or {@code [x]}, a missing or malformed id, a missing colon, an
 * unclosed backtick, an empty statement. So is an id used twice, pending or done. Problems are
 * never skipped silently: {@link #pending()} collects every problem of the file and throws one
 * {@link RoadmapException} listing each with its line number, and routes nothing, since a
 * half-read roadmap would publish a misleading subset.
 *
 * <pre>{@code
 * List<Requirement> todo = RoadmapSource.of(Path.of("ROADMAP.md")).pending();
 * }</pre>
 */
public final class RoadmapSource {
    private static final Logger log = LoggerFactory.getLogger(RoadmapSource.class);

    private final String name;
    private final Supplier<String> text;

    private RoadmapSource(String name, Supplier<String> text) {
        this.name = name;
        this.text = text;
    }

    /** The roadmap in the UTF-8 file {@code path}, read afresh by every {@link #pending()}. */
    public static RoadmapSource of(Path path) {
        Objects.requireNonNull(path, "path");
        return new RoadmapSource(path.toString(), () -> {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RoadmapException("cannot read roadmap " + path + ": " + e, e);
            }
        });
    }

    /** A roadmap given as text; {@code name} appears in problem reports. */
    public static RoadmapSource ofText(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        return new RoadmapSource(name, () -> text);
    }

    /**
     * The pending requirements, in file order.
     *
     * @throws RoadmapException listing every malformed or duplicate line, or if the file cannot be read
     */
    public List<Requirement> pending() {
        List<Requirement> pending = new ArrayList<>();
        List<RoadmapProblem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int done = 0;
        boolean fenced = false;
        List<String> lines = text.get().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            ChecklistLine parsed = ChecklistLine.parse(line);
            if (parsed instanceof ChecklistLine.Malformed m) {
                problems.add(new RoadmapProblem(number, m.message(), line.strip()));
            } else if (parsed instanceof ChecklistLine.Item item) {
                String id = item.requirement().id();
                Integer first = firstLine.putIfAbsent(id, number);
                if (first != null) {
                    problems.add(new RoadmapProblem(number, "duplicate id " + id + " (first on line " + first + ")",
                            line.strip()));
                } else if (item.done()) {
                    done++;
                } else {
                    pending.add(item.requirement());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RoadmapException(name, problems);
        }
        log.info("{}: {} pending, {} done", name, pending.size(), done);
        return List.copyOf(pending);
    }

    /** The name problems are reported under: the file's path or the given name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "RoadmapSource[" + name + "]";
    }
}
