package dev.agentkit.core.chat;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One chat message as an agent sees it, with the port's judgement of who sent it.
 *
 * @param id          the chat server's id for it (Matrix event id)
 * @param room        the logical room name, e.g. {@code backend}
 * @param sender      the sender's id (Matrix user id)
 * @param text        the plain text
 * @param sentAt      when it was sent
 * @param fromHuman   whether the sender is not one of the team's agent accounts
 * @param addressedToMe whether it mentions this agent or starts with its name
 * @param mayCommand  whether the sender may command agents (allow-list or power level)
 */
public record ChatMessage(String id, String room, String sender, String text, Instant sentAt,
                          boolean fromHuman, boolean addressedToMe, boolean mayCommand) {
    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /**
     * The text without a leading address to {@code agentName} ({@code roy: }, {@code @roy },
     * {@code Roy, }), trimmed. Commands are parsed from this.
     */
    public String textWithoutAddress(String agentName) {
        String t = text.strip();
        int length = addressLength(t, agentName);
        return length < 0 ? t : t.substring(length).replaceFirst("^[:,]?\\s*", "").strip();
    }

    /**
     * Whether {@code text} opens by addressing {@code agentName}: the name or {@code @name}, in
     * any case, followed by the end, {@code :}, {@code ,} or a space. Chat ports use this rule
     * (besides explicit mentions) to decide {@link #addressedToMe()}.
     */
    public static boolean startsWithAddress(String text, String agentName) {
        return addressLength(text.strip(), agentName) >= 0;
    }

    private static int addressLength(String stripped, String agentName) {
        String lower = stripped.toLowerCase(Locale.ROOT);
        String name = agentName.toLowerCase(Locale.ROOT);
        for (String prefix : new String[]{"@" + name, name}) {
            if (lower.startsWith(prefix)) {
                String rest = lower.substring(prefix.length());
                if (rest.isEmpty() || ":, ".indexOf(rest.charAt(0)) >= 0) {
                    return prefix.length();
                }
            }
        }
        return -1;
    }
}
