package dev.agentkit.core.agent;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.agent.ScopeDecision.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which paths of a shared workspace one agent may write: those under the paths its character
 * sheet owns, minus those under the paths it must not modify (denied wins). Used by agents before
 * they write, by {@code GitWorkspace} before it commits, and by tools that apply a coding agent's
 * changes.
 *
 * <p>Sheet paths such as {@code /src/api/} are workspace-relative. Paths given to
 * {@link #check(Path)} are relative to the workspace root, or absolute file-system paths that
 * must lie inside it. A path is normalised against the root; one that climbs out with
 * {@code ..}, an absolute path elsewhere, and a path whose existing part resolves through
 * symbolic links to a place outside the root (or into a denied path) are refused. A dangling
 * symbolic link is refused, as its target cannot be shown to be inside. Immutable.
 */
public final class Scope {
    private record Rule(ScopeEntry entry, Path prefix) {
        boolean covers(Path relative) {
            return prefix.toString().isEmpty() || relative.startsWith(prefix);
        }
    }

    private final String agent;
    private final Path root;
    private final Path realRoot;
    private final List<Rule> owned;
    private final List<Rule> denied;

    private Scope(String agent, Path root, Path realRoot, List<Rule> owned, List<Rule> denied) {
        this.agent = agent;
        this.root = root;
        this.realRoot = realRoot;
        this.owned = owned;
        this.denied = denied;
    }

    /**
     * The scope of {@code definition} in the workspace at {@code workspaceRoot}, which must be an
     * existing directory.
     *
     * @throws AgentkitException if the root is not a directory, or a sheet path climbs out with {@code ..}
     *                           or is no path on this file system
     */
    public static Scope of(AgentDefinition definition, Path workspaceRoot) {
        Path root = workspaceRoot.toAbsolutePath().normalize();
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new AgentkitException("workspace root of " + definition.name() + " does not exist: " + root, e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new AgentkitException("workspace root of " + definition.name() + " is not a directory: " + root);
        }
        return new Scope(definition.name(), root, realRoot, rules(definition, definition.owned()),
                rules(definition, definition.denied()));
    }

    private static List<Rule> rules(AgentDefinition d, List<ScopeEntry> entries) {
        List<Rule> rules = new ArrayList<>();
        for (ScopeEntry e : entries) {
            String text = e.path().replace('\\', '/').replaceFirst("^/+", "");
            Path prefix;
            try {
                prefix = Path.of(text).normalize();
            } catch (InvalidPathException invalid) {
                throw new AgentkitException("scope path '" + e.path().replace("\0", "\\0") + "' of " + d.name() + " in "
                        + d.source() + " is no path on this system: " + invalid.getReason());
            }
            if (prefix.isAbsolute() || prefix.startsWith("..")) {
                throw new AgentkitException("scope path '" + e.path() + "' of " + d.name() + " in " + d.source()
                        + " leaves the workspace");
            }
            rules.add(new Rule(e, prefix));
        }
        return List.copyOf(rules);
    }

    /** The agent this scope belongs to. */
    public String agent() {
        return agent;
    }

    /** The workspace root, absolute and normalised. */
    public Path root() {
        return root;
    }

    /** Whether the agent may write {@code path}; see {@link #check(Path)}. */
    public ScopeDecision check(String path) {
        return check(path, Path.of(path));
    }

    /** Whether the agent may write {@code path} (workspace-relative, or absolute inside the root), and why. */
    public ScopeDecision check(Path path) {
        return check(path.toString(), path);
    }

    /**
     * Checks every path and throws if any is refused.
     *
     * @throws ScopeViolationException naming each refused path and why
     */
    public void requireAllowed(Collection<String> paths) {
        List<ScopeDecision> refused = paths.stream().map(this::check).filter(d -> !d.allowed()).toList();
        if (!refused.isEmpty()) {
            throw new ScopeViolationException(agent, refused);
        }
    }

    private ScopeDecision check(String asked, Path path) {
        Path lexical = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        Path base = lexical.startsWith(root) ? root : lexical.startsWith(realRoot) ? realRoot : null;
        if (base == null) {
            return new ScopeDecision(asked, Verdict.ESCAPES_WORKSPACE,
                    "escapes the workspace " + root + ": it resolves to " + lexical);
        }
        Optional<Path> real = realPath(lexical);
        if (real.isEmpty()) {
            return new ScopeDecision(asked, Verdict.ESCAPES_WORKSPACE,
                    "goes through a symbolic link whose target does not exist, so it cannot be shown to stay in "
                            + root);
        }
        if (!real.get().startsWith(realRoot)) {
            return new ScopeDecision(asked, Verdict.ESCAPES_WORKSPACE,
                    "escapes the workspace " + root + ": symbolic links lead to " + real.get());
        }
        Path relative = base.relativize(lexical);
        Path realRelative = realRoot.relativize(real.get());
        for (Rule rule : denied) {
            if (rule.covers(relative) || rule.covers(realRelative)) {
                String via = rule.covers(relative) ? "" : " (through a symbolic link to " + realRelative + ")";
                return new ScopeDecision(asked, Verdict.DENIED, "inside " + rule.entry().path() + via + ", which "
                        + agent + " must not modify" + (rule.entry().note().isEmpty() ? "" : " " + rule.entry().note()));
            }
        }
        Optional<Rule> byName = owned.stream().filter(r -> r.covers(relative)).findFirst();
        boolean byTarget = owned.stream().anyMatch(r -> r.covers(realRelative));
        if (byName.isPresent() && byTarget) {
            return new ScopeDecision(asked, Verdict.ALLOWED, "owned by " + agent + " through " + byName.get().entry().path());
        }
        String where = byName.isPresent() ? " (a symbolic link leads to " + realRelative + ")" : "";
        return new ScopeDecision(asked, Verdict.NOT_OWNED, "outside the paths " + agent + " owns" + where + ": "
                + owned.stream().map(r -> r.entry().path()).collect(Collectors.joining(", ")));
    }

    /**
     * The real location of {@code path}: its longest existing prefix with symbolic links resolved,
     * plus the rest. Empty when a symbolic link on the way cannot be resolved.
     */
    private static Optional<Path> realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(path);
        }
        try {
            return Optional.of(existing.toRealPath().resolve(existing.relativize(path)).normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
