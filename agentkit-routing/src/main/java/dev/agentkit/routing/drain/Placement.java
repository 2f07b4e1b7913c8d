package dev.agentkit.routing.drain;

import dev.agentkit.core.routing.Requirement;
import java.util.Objects;

/**
 * What {@link QueueDrainer} did with one requirement, and why. One entry of a {@link DrainReport}.
 *
 * @param requirement  the requirement
 * @param status       what happened
 * @param role         the role it was routed to; {@code null} when unroutable or skipped by the store
 * @param subject      where it was published (or, unroutable, dead-lettered); {@code null} if nowhere
 * @param reason       the router's reason, or why it could not be routed or published
 * @param deadLettered whether an unroutable requirement went to the dead letters
 * @param alerted      whether an unroutable requirement was posted to the alerts room
 */
public record Placement(Requirement requirement, Status status, String role, String subject, String reason,
                        boolean deadLettered, boolean alerted) {

    /** What became of a requirement. */
    public enum Status {
        /** Routed and stored on the role's queue by this run. */
        PUBLISHED,
        /** Routed, but already on the queue: the broker de-duplicated it, or the store says it was published. */
        DUPLICATE,
        /** No router placed it (or a router chose an invalid role); see {@code deadLettered} and {@code alerted}. */
        UNROUTABLE,
        /** Routed, but publishing failed; running the drainer again retries it. */
        FAILED
    }

    public Placement {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** The requirement's id. */
    public String id() {
        return requirement.id();
    }

    /** One line for logs and reports: {@code REQ-001 PUBLISHED -> backend (work.requirements.backend): reason}. */
    public String summary() {
        StringBuilder s = new StringBuilder(id()).append(' ').append(status);
        if (role != null) {
            s.append(" -> ").append(role);
        }
        if (subject != null) {
            s.append(" (").append(subject).append(')');
        }
        s.append(": ").append(reason);
        if (deadLettered) {
            s.append(" [dead-lettered]");
        }
        if (alerted) {
            s.append(" [alerted]");
        }
        return s.toString();
    }
}
