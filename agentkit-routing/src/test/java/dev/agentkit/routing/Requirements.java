package dev.agentkit.routing;

import dev.agentkit.core.routing.Requirement;
import java.util.List;

/** Requirements for router tests. */
final class Requirements {
    private Requirements() {
    }

    static Requirement tagged(String... tags) {
        return new Requirement("REQ-001", "Add login endpoint", List.of(tags), List.of());
    }

    static Requirement touching(String... files) {
        return new Requirement("REQ-002", "Change things", List.of(), List.of(files));
    }
}
