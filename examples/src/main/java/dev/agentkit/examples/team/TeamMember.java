package dev.agentkit.examples.team;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.agent.Scope;
import dev.agentkit.core.agent.ScopeViolationException;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.core.workspace.CommandWorker;
import dev.agentkit.core.workspace.FileLock;
import dev.agentkit.core.workspace.GitWorkspace;
import dev.agentkit.core.workspace.LocalFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Roy, Jen and Moss have in common: a character sheet, a scope in a shared git workspace,
 * file locks, and the same way of doing an item — check it is ready, produce its files (or run
 * the configured worker command), write them under locks, commit them as {@code REQ-nnn:
 * statement}, and tell the team. Subclasses say what ready means, which files an item produces,
 * and whom they tell.
 */
public abstract class TeamMember extends TurnBasedAgent {
    protected final AgentDefinition sheet;
    protected final Scope scope;
    private final GitWorkspace git;
    private final FileLock locks;
    private final Optional<CommandWorker> command;
    protected final TeamSettings settings;

    protected TeamMember(AgentConfig config, AgentRuntime runtime, TeamSettings settings) {
        super(config, runtime);
        this.settings = settings;
        this.sheet = AgentDefinition.parse(settings.sheets().resolve(config.name() + ".md"));
        this.scope = Scope.of(sheet, settings.workspace());
        this.git = new GitWorkspace(scope);
        this.locks = new LocalFileLock(settings.workspace().resolve(".git").resolve("agentkit-locks"),
                LocalFileLock.DEFAULT_MAX_AGE, runtime.clock());
        this.command = settings.workerCommand().map(c -> CommandWorker.builder(c).workspace(settings.workspace())
                .retryDelay(settings.retryDelay()).build());
    }

    /** Empty when the item can be done now; otherwise what to do instead (ask, wait, refuse). */
    protected Optional<Outcome> notReady(RequirementBody requirement) {
        return Optional.empty();
    }

    /**
     * {@link #notReady(RequirementBody)} with the item, for a member whose readiness depends on
     * it, e.g. on a human's decision ({@link WorkItem#approval()}).
     */
    protected Optional<Outcome> notReady(RequirementBody requirement, WorkItem item) {
        return notReady(requirement);
    }

    /** The files the built-in work writes for {@code requirement}: workspace-relative path → content. */
    protected abstract Map<String, String> produce(RequirementBody requirement);

    /** Tells the team about finished work (announce, post); runs before the item is acked. */
    protected abstract void finished(RequirementBody requirement, List<String> files);

    @Override
    protected final Outcome processWork(WorkItem item) {
        RequirementBody r = item.bodyAs(RequirementBody.class);
        if (r.id() == null || r.statement() == null || r.statement().isBlank()) {
            return Outcome.reject("a requirement needs an id and a statement");
        }
        Optional<Outcome> wait = notReady(r, item);
        if (wait.isPresent()) {
            return wait.get();
        }
        if (command.isPresent()) {
            Outcome outcome = command.get().run(item, sheet.systemPrompt());
            if (outcome instanceof Outcome.Done) {
                List<String> changed = git.changedPaths();
                git.commitChanges(r.id(), r.statement());
                finished(r, changed);
            }
            return outcome;
        }
        Map<String, String> files = produce(r);
        try {
            scope.requireAllowed(files.keySet());
        } catch (ScopeViolationException e) {
            return Outcome.reject(e.getMessage());
        }
        return writeAndCommit(r, files);
    }

    private Outcome writeAndCommit(RequirementBody r, Map<String, String> files) {
        List<FileLock.Held> held = new ArrayList<>();
        try {
            for (String path : files.keySet()) {
                Optional<FileLock.Held> lock = locks.tryAcquire(path, config().name());
                if (lock.isEmpty()) {
                    return Outcome.retry(settings.retryDelay(), path + " is locked by another agent");
                }
                held.add(lock.get());
            }
            files.forEach(this::write);
            git.commit(r.id(), r.statement(), files.keySet());
        } finally {
            held.forEach(FileLock.Held::close);
        }
        finished(r, List.copyOf(files.keySet()));
        return Outcome.done();
    }

    private void write(String relative, String content) {
        Path file = settings.workspace().resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative, e);
        }
    }

    /** The character sheet's rendered system prompt. */
    public String systemPrompt() {
        return sheet.systemPrompt();
    }
}
