package dev.agentkit.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * A unit of work from a roadmap, before it is routed: its id, what is wanted, its tags and the
 * files it likely touches. Routers read it; the drainer publishes it as a work item's body.
 *
 * @param id        stable id, e.g. {@code REQ-001}; becomes the message id
 * @param statement what is wanted
 * @param tags      tags without {@code #}
 * @param files     likely files, workspace-relative
 */
public record Requirement(String id, String statement, List<String> tags, List<String> files) {
    public Requirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statement, "statement");
        if (id.isBlank()) {
            throw new IllegalArgumentException("requirement id must not be blank");
        }
        tags = List.copyOf(tags);
        files = List.copyOf(files);
    }
}
