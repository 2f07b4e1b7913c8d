package dev.agentkit.core.workspace;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The allow-list that picks which of the agent's environment variables a {@link CommandWorker}'s
 * command gets: entries are names, or prefixes ending in {@code *} ({@code LC_*}), matched
 * ignoring case (Windows spells {@code Path} and {@code SystemRoot} as it likes).
 */
final class WorkerEnvironment {
    /** What every command gets when the agent has it; see {@link CommandWorker#DEFAULT_ENVIRONMENT}. */
    static final List<String> DEFAULT = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
            "LC_*", "TERM", "TZ", "TMPDIR", "TMP", "TEMP", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE",
            "APPDATA", "LOCALAPPDATA");

    private static final Pattern ENTRY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\*?");

    private WorkerEnvironment() {
    }

    /** The entries of {@code parent} whose names {@code allowList} allows, in {@code parent}'s order. */
    static Map<String, String> select(Map<String, String> parent, Collection<String> allowList) {
        Map<String, String> selected = new LinkedHashMap<>();
        parent.forEach((name, value) -> {
            if (allowed(name, allowList)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    /**
     * Checks an allow-list entry: a name of letters, digits and {@code _}, optionally ending in
     * {@code *}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static String requireEntry(String entry) {
        if ("*".equals(entry)) {
            throw new IllegalArgumentException("passing the whole environment ('*') would pass the agent's secrets;"
                    + " name the variables the command needs");
        }
        if (entry == null || !ENTRY.matcher(entry).matches()) {
            throw new IllegalArgumentException("an environment name to pass is a name like ANTHROPIC_API_KEY or a"
                    + " prefix like CLAUDE_*, was '" + entry + "'");
        }
        return entry;
    }

    private static boolean allowed(String name, Collection<String> allowList) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String entry : allowList) {
            String e = entry.toUpperCase(Locale.ROOT);
            if (e.endsWith("*") ? upper.startsWith(e.substring(0, e.length() - 1)) : upper.equals(e)) {
                return true;
            }
        }
        return false;
    }
}
