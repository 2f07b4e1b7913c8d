package dev.agentkit.core.chat;

/** The logical room names of the workshop team; a {@link ChatPort} maps them to real rooms. */
public final class Rooms {
    public static final String GENERAL = "general";
    public static final String BACKEND = "backend";
    public static final String FRONTEND = "frontend";
    public static final String ARCHITECTURE = "architecture";
    public static final String ALERTS = "alerts";

    private Rooms() {
    }
}
