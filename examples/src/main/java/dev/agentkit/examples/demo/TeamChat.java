package dev.agentkit.examples.demo;

import dev.agentkit.core.chat.ChatPort;
import java.util.List;

/** The chat side of a {@link TeamWorld}: a seat per agent, the human's voice, and what rooms say. */
interface TeamChat extends AutoCloseable {

    /** The chat port of agent (or observer) {@code name}. */
    ChatPort seat(String name);

    /** The human of the story says {@code text} in logical room {@code room}. */
    void humanSays(String room, String text);

    /** What was said in {@code room}, oldest first, as {@code sender: text}. */
    List<String> roomLog(String room);

    @Override
    void close();

    /** {@code sender: text}, unless the text already starts with the sender's name. */
    static String line(String userId, String text) {
        String name = userId.startsWith("@") && userId.contains(":") ? userId.substring(1, userId.indexOf(':')) : userId;
        return text.startsWith(name + ":") ? text : name + ": " + text;
    }
}
