package dev.agentkit.core.workspace;

import dev.agentkit.core.agent.Scope;
import dev.agentkit.core.agent.ScopeViolationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's view of a shared git checkout: small commits, each for one requirement, with a
 * message of the form {@code REQ-001: Add login endpoint}, containing only files the agent's
 * {@link Scope} allows. A commit that would include a file out of scope is refused before git
 * is touched, with a {@link ScopeViolationException} naming every such file. Paths are given to
 * git literally: a file named {@code src/api/gen*} is that one file, not a pattern that would
 * also stage {@code src/api/generated/}.
 *
 * <p>Agents call it after their work on an item succeeded, before returning {@code done}. It
 * drives the {@code git} command line, each call bounded by a timeout; the workspace root of the
 * scope must be the top of the repository. Commits go to the branch checked out; pushing is not
 * its business.
 */
public final class GitWorkspace {
    private static final Logger log = LoggerFactory.getLogger(GitWorkspace.class);
    private static final Pattern REQUIREMENT_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    /** How long one git command may run when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Scope scope;
    private final GitCommand git;

    /** The checkout at the scope's root, with {@link #DEFAULT_TIMEOUT} per git command. */
    public GitWorkspace(Scope scope) {
        this(scope, DEFAULT_TIMEOUT);
    }

    /**
     * The checkout at the scope's root, each git command killed after {@code timeout}.
     *
     * @throws GitException if the root is not the top of a git work tree
     */
    public GitWorkspace(Scope scope, Duration timeout) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.git = new GitCommand(scope.root(), Objects.requireNonNull(timeout, "timeout"));
        Path top = Path.of(git.require("rev-parse", "--show-toplevel").output().strip());
        try {
            if (!top.toRealPath().equals(scope.root().toRealPath())) {
                throw new GitException("workspace of " + scope.agent() + " at " + scope.root()
                        + " is not the top of its git repository " + top);
            }
        } catch (IOException e) {
            throw new GitException("cannot resolve the git repository at " + scope.root(), e);
        }
    }

    /** The commit message for a requirement: {@code REQ-001: Add login endpoint}. */
    public static String message(String requirementId, String summary) {
        if (requirementId == null || !REQUIREMENT_ID.matcher(requirementId).matches()) {
            throw new IllegalArgumentException("requirement id must be a word like REQ-001, was '" + requirementId + "'");
        }
        if (summary == null || summary.isBlank() || summary.contains("\n") || summary.contains("\r")) {
            throw new IllegalArgumentException("commit summary for " + requirementId + " must be one non-blank line,"
                    + " was '" + summary + "'");
        }
        return requirementId + ": " + summary.strip();
    }

    /**
     * Commits exactly {@code paths} (new, changed or deleted; relative to the root or absolute
     * inside it), whatever else is changed or staged.
     *
     * @return the new commit's hash, or empty when those paths have no changes
     * @throws ScopeViolationException naming every path out of scope; nothing is staged then
     * @throws GitException            if git fails, e.g. on a path git does not know
     */
    public Optional<String> commit(String requirementId, String summary, Collection<String> paths) {
        String message = message(requirementId, summary);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("commit " + message + " names no paths");
        }
        scope.requireAllowed(paths);
        List<String> files = paths.stream().map(this::relative).distinct().toList();
        stage(files);
        if (git.run(withPaths(List.of("diff", "--cached", "--quiet"), files)).exitCode() == 0) {
            log.info("{}: nothing to commit for {} in {}", scope.agent(), requirementId, files);
            return Optional.empty();
        }
        git.require(withPaths(List.of("commit", "--quiet", "--only", "-m", message), files));
        String hash = git.require("rev-parse", "HEAD").output().strip();
        log.info("{} committed {} '{}' ({} file(s))", scope.agent(), hash, message, files.size());
        return Optional.of(hash);
    }

    /**
     * Commits every change in the work tree (including untracked files) if all of it is in
     * scope; otherwise commits nothing.
     *
     * @return the new commit's hash, or empty when nothing changed
     * @throws ScopeViolationException naming every changed path out of scope
     */
    public Optional<String> commitChanges(String requirementId, String summary) {
        String message = message(requirementId, summary);
        List<String> changed = changedPaths();
        if (changed.isEmpty()) {
            log.info("{}: nothing changed for {}", scope.agent(), message);
            return Optional.empty();
        }
        return commit(requirementId, summary, changed);
    }

    /**
     * The repository-relative paths with changes in the work tree or the index, untracked files
     * included; both sides of a rename.
     */
    public List<String> changedPaths() {
        String out = git.require("status", "--porcelain=v1", "-z", "--untracked-files=all").output();
        Set<String> paths = new LinkedHashSet<>();
        String[] fields = out.split("\0");
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.length() < 4) {
                continue;
            }
            paths.add(f.substring(3));
            if ((f.charAt(0) == 'R' || f.charAt(0) == 'C') && i + 1 < fields.length) {
                paths.add(fields[++i]);
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Stages {@code files}: those on disk or in the index through {@code git add --all}; those
     * only in HEAD (a deletion already staged) need nothing; any other is unknown and an error.
     */
    private void stage(List<String> files) {
        Set<String> inIndex = Set.of(git.require(withPaths(List.of("ls-files", "-z"), files)).output().split("\0"));
        List<String> stageable = files.stream()
                .filter(f -> inIndex.contains(f) || Files.exists(scope.root().resolve(f), LinkOption.NOFOLLOW_LINKS))
                .toList();
        List<String> rest = files.stream().filter(f -> !stageable.contains(f)).toList();
        if (!rest.isEmpty()) {
            GitCommand.Result inHead = git.run(withPaths(List.of("ls-tree", "-r", "-z", "--name-only", "HEAD"), rest));
            Set<String> known = Set.of(inHead.output().split("\0"));
            List<String> unknown = rest.stream().filter(f -> inHead.exitCode() != 0 || !known.contains(f)).toList();
            if (!unknown.isEmpty()) {
                throw new GitException("cannot commit " + unknown + " in " + scope.root()
                        + ": neither on disk nor known to git");
            }
        }
        if (!stageable.isEmpty()) {
            git.require(withPaths(List.of("add", "--all"), stageable));
        }
    }

    /** {@code path} relative to the root, with {@code /} separators, as git prints paths. */
    private String relative(String path) {
        Path p = Path.of(path);
        Path root = scope.root();
        Path relative = p.isAbsolute() && p.normalize().startsWith(root) ? root.relativize(p.normalize()) : p.normalize();
        return relative.toString().replace('\\', '/');
    }

    /** The scope this workspace commits under. */
    public Scope scope() {
        return scope;
    }

    private static String[] withPaths(List<String> args, List<String> paths) {
        List<String> all = new ArrayList<>(args);
        all.add("--");
        all.addAll(paths);
        return all.toArray(String[]::new);
    }
}
