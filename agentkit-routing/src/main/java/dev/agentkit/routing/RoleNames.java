package dev.agentkit.routing;

import java.util.regex.Pattern;

/**
 * The rule for role names, which become the last token of {@code work.requirements.<role>}:
 * 1-32 lower-case letters, digits, {@code -} or {@code _}, starting with a letter or digit (the
 * same rule as an agent's role in {@code AgentConfig}). Routers check their roles with it when
 * they are built, and {@code QueueDrainer} checks every decision before it publishes.
 */
public final class RoleNames {
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private RoleNames() {
    }

    /** Whether {@code role} is a valid role name. */
    public static boolean isValid(String role) {
        return role != null && ROLE.matcher(role).matches();
    }

    /**
     * Returns {@code role} if it is valid.
     *
     * @param what names the setting, for the message (e.g. {@code "role of tag rule 'api'"})
     * @throws IllegalArgumentException naming {@code what} and the bad value otherwise
     */
    public static String require(String what, String role) {
        if (!isValid(role)) {
            throw new IllegalArgumentException(what + " must be 1-32 lower-case letters, digits, '-' or '_', was '"
                    + role + "'");
        }
        return role;
    }
}
