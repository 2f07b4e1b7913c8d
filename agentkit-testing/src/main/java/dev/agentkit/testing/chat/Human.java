package dev.agentkit.testing.chat;

import java.util.Objects;

/**
 * A human in an {@link InMemoryChat}, so that a test reads like the story:
 * {@code alice.say("backend", "roy: what have you finished?")}. Made by {@link InMemoryChat#human}
 * (allow-listed: agents answer and obey them) or {@link InMemoryChat#stranger} (not: agents log
 * and ignore everything they say), and by {@code AgentTestKit.human} and {@code stranger}.
 */
public final class Human {
    private final InMemoryChat chat;
    private final String userId;

    Human(InMemoryChat chat, String userId) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.userId = Objects.requireNonNull(userId, "userId");
    }

    /** The Matrix user id, e.g. {@code @alice:localhost}. */
    public String userId() {
        return userId;
    }

    /** Whether agents answer and obey this human (the chat's allow-list). */
    public boolean isAllowListed() {
        return chat.isAllowListed(userId);
    }

    /**
     * Says {@code text} in {@code room} as a plain message: it is addressed to an agent whose name
     * opens it ({@code roy: ...}) or stands in it as a word. Returns the message's id.
     */
    public String say(String room, String text) {
        return chat.say(userId, room, text);
    }

    /** Says {@code text} in {@code room}, explicitly mentioning the named agents (and only them). Returns the message's id. */
    public String mention(String room, String text, String... agentNames) {
        return chat.mention(userId, room, text, agentNames);
    }

    @Override
    public String toString() {
        return userId;
    }
}
