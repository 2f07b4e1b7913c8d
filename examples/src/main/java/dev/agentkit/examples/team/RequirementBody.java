package dev.agentkit.examples.team;

import java.util.List;

/**
 * The body of a work item as the example agents read it: what the {@code QueueDrainer}
 * publishes for a roadmap line. Missing lists are empty.
 *
 * @param id        the requirement id, e.g. {@code REQ-001}
 * @param statement what is wanted
 * @param tags      tags without {@code #}
 * @param files     files it likely touches, workspace-relative
 */
public record RequirementBody(String id, String statement, List<String> tags, List<String> files) {
    public RequirementBody {
        tags = tags == null ? List.of() : List.copyOf(tags);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Lower-case words of the statement joined by {@code -}: {@code Add login endpoint} → {@code add-login-endpoint}. */
    public String slug() {
        return statement.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The first listed file, or {@code fallback}. */
    public String firstFileOr(String fallback) {
        return files.isEmpty() ? fallback : files.get(0);
    }
}
