package dev.agentkit.nats;

import java.util.Objects;

/**
 * One line of a {@link ProvisioningPlan}: what provisioning would do to one stream, consumer or
 * KV bucket, and why in words. Printed by {@code agentkit provision --dry-run}.
 *
 * @param action what would happen
 * @param kind   {@code stream}, {@code consumer} or {@code kv}
 * @param target the stream name, {@code STREAM/durable}, or the bucket name
 * @param detail what differs, e.g. {@code widen subjects work.requirements.* -> work.requirements.>}
 */
public record PlannedChange(Action action, String kind, String target, String detail) {

    /** What provisioning would do. */
    public enum Action {
        /** Nothing: the server has it as wanted. */
        KEEP,
        /** Create it: the server has none. */
        CREATE,
        /** Update it in place (wider subjects, other limits, another filter). */
        UPDATE,
        /** Refuse: the change cannot be made in place; provisioning fails without changing it. */
        REFUSE
    }

    public PlannedChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        detail = detail == null ? "" : detail;
    }

    /** {@code update stream REQUIREMENTS: widen subjects ...}. */
    @Override
    public String toString() {
        return action.name().toLowerCase(java.util.Locale.ROOT) + " " + kind + " " + target
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
