package dev.agentkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the agentkit checkout, for the tests that read the whole project (READMEs, module sources). */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    /** The nearest directory at or above the working directory that holds {@code examples/src}. */
    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/src"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no project root above " + Path.of("").toAbsolutePath()));
        }
        return dir;
    }
}
