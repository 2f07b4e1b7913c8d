package dev.agentkit.routing.roadmap;

import dev.agentkit.core.AgentkitException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A roadmap could not be used: it could not be read, or some of its checklist lines are
 * malformed or repeat an id. Thrown by {@link RoadmapSource#pending()} with every problem of the
 * file at once, so one run shows all that needs fixing; nothing is routed from a broken roadmap.
 */
public class RoadmapException extends AgentkitException {
    private static final long serialVersionUID = 1L;
    private final transient List<RoadmapProblem> problems;

    /** The roadmap {@code name} has these problems (at least one). */
    public RoadmapException(String name, List<RoadmapProblem> problems) {
        super(describe(name, problems));
        this.problems = List.copyOf(problems);
    }

    /** The roadmap {@code name} could not be read. */
    public RoadmapException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** The problems, in line order; empty when the file could not be read at all. */
    public List<RoadmapProblem> problems() {
        return problems;
    }

    private static String describe(String name, List<RoadmapProblem> problems) {
        return name + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
