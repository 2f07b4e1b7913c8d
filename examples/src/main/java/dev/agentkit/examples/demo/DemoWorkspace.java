package dev.agentkit.examples.demo;

import dev.agentkit.examples.team.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The demo's files: a fresh git repository for the team to work in, and the example sheets and roadmap. */
final class DemoWorkspace {
    private DemoWorkspace() {
    }

    /** A new git repository in a temp directory. */
    static Path create() throws IOException {
        return Workspaces.init(Files.createTempDirectory("agentkit-demo-"), "Start of the demo");
    }

    /** Commit subjects, oldest first. */
    static List<String> commits(Path dir) {
        List<String> subjects = new ArrayList<>(Workspaces.commitSubjects(dir));
        Collections.reverse(subjects);
        return subjects;
    }

    /** {@code examples/<name>} from the repository root, or {@code <name>} from the examples directory. */
    static Path locate(String name) {
        for (Path p : List.of(Path.of("examples", name), Path.of(name))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find " + name + " under examples/ or here ("
                + Path.of("").toAbsolutePath() + "); run the demo from the repository root");
    }
}
