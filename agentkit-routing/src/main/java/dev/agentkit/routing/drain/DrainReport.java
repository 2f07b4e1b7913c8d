package dev.agentkit.routing.drain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one {@link QueueDrainer} run did: for every requirement, in input order, where it went
 * and why. Returned by {@link QueueDrainer#drain}; its {@link #summary()} is logged at INFO.
 *
 * @param placements one per requirement, in the order given
 */
public record DrainReport(List<Placement> placements) {
    public DrainReport {
        placements = List.copyOf(placements);
    }

    /** The requirements this run put on a queue. */
    public List<Placement> published() {
        return with(Placement.Status.PUBLISHED);
    }

    /** The requirements already on their queue, so not stored again. */
    public List<Placement> duplicates() {
        return with(Placement.Status.DUPLICATE);
    }

    /** The requirements no router could place. */
    public List<Placement> unroutable() {
        return with(Placement.Status.UNROUTABLE);
    }

    /** The requirements whose publish failed. */
    public List<Placement> failed() {
        return with(Placement.Status.FAILED);
    }

    /** Whether every requirement is now on a queue (published now or before). */
    public boolean complete() {
        return unroutable().isEmpty() && failed().isEmpty();
    }

    private List<Placement> with(Placement.Status status) {
        return placements.stream().filter(p -> p.status() == status).toList();
    }

    /** Counts on one line, then one line per requirement. */
    public String summary() {
        return placements.size() + " requirements: " + published().size() + " published, " + duplicates().size()
                + " duplicates, " + unroutable().size() + " unroutable, " + failed().size() + " failed"
                + placements.stream().map(p -> "\n  " + p.summary()).collect(Collectors.joining());
    }
}
