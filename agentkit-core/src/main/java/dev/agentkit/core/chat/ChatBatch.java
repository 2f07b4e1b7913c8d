package dev.agentkit.core.chat;

import java.util.List;

/**
 * What {@link ChatPort#read} returns: messages oldest first and the cursor after them.
 *
 * @param messages   the messages, oldest first
 * @param nextCursor the cursor to pass to the next read; store it once the messages are handled
 */
public record ChatBatch(List<ChatMessage> messages, String nextCursor) {
    public ChatBatch {
        messages = List.copyOf(messages);
    }
}
