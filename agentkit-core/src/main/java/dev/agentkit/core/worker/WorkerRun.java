package dev.agentkit.core.worker;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.core.workspace.CommandWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the worker command for one item: the only place {@link WorkerAgent} touches
 * {@link CommandWorker}. It adds {@code AGENTKIT_OUTCOME_FILE} (a fresh path outside the
 * workspace, removed afterwards) to the command's environment, runs it, and reads the
 * {@link WorkerReport} the command may have left there.
 */
final class WorkerRun {
    private static final Logger log = LoggerFactory.getLogger(WorkerRun.class);

    /** How the run ended: the outcome its exit code gave, and the report if it wrote one. */
    record Result(Outcome byExit, Optional<WorkerReport> report) {
    }

    private WorkerRun() {
    }

    static Result run(WorkerSettings settings, Map<String, String> agentEnv, WorkItem item, String systemPrompt) {
        Path dir;
        try {
            dir = Files.createTempDirectory("agentkit-outcome-");
        } catch (IOException e) {
            throw new AgentkitException("cannot create the outcome directory for " + item.id(), e);
        }
        Path outcomeFile = dir.resolve("outcome.json");
        try {
            CommandWorker.Builder b = CommandWorker.builder(settings.command()).workspace(settings.workspace())
                    .timeout(settings.timeout()).retryDelay(settings.retryDelay());
            settings.environment().forEach(b::environment);
            agentEnv.forEach(b::environment);
            b.environment("AGENTKIT_OUTCOME_FILE", outcomeFile.toString());
            Outcome byExit = b.build().run(item, systemPrompt);
            return new Result(byExit, readReport(item.id(), outcomeFile));
        } finally {
            try {
                Files.deleteIfExists(outcomeFile);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                log.warn("cannot remove the outcome directory {}: {}", dir, e.toString());
            }
        }
    }

    private static Optional<WorkerReport> readReport(String id, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Optional<WorkerReport> report = WorkerReport.parse(Files.readAllBytes(file));
            if (report.isEmpty()) {
                log.warn("{}: the worker's outcome file is not a JSON object with a known outcome; ignored", id);
            }
            return report;
        } catch (IOException e) {
            log.warn("{}: cannot read the worker's outcome file: {}", id, e.toString());
            return Optional.empty();
        }
    }
}
