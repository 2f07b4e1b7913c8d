package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One agent's seat in an {@link InMemoryChat}; cursors look like {@code mem:42}. */
final class InMemoryChatPort implements ChatPort {
    private static final String PREFIX = "mem:";

    private final InMemoryChat chat;
    private final String name;
    private final String userId;
    private final Pattern nameAsWord;

    InMemoryChatPort(InMemoryChat chat, String name, String userId) {
        this.chat = chat;
        this.name = name;
        this.userId = userId;
        this.nameAsWord = Pattern.compile("(?<![\\w@])@?" + Pattern.quote(name) + "(?!\\w)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public ChatBatch read(String cursor) {
        List<ChatMessage> messages = new ArrayList<>();
        List<InMemoryChat.Posted> news = chat.after(position(cursor));
        for (InMemoryChat.Posted p : news) {
            boolean human = !chat.isAgent(p.sender());
            boolean mayCommand = human && chat.mayCommand(p.sender(), p.room());
            ChatMessage draft = new ChatMessage(p.id(), p.room(), p.sender(), p.text(), p.at(), human, false,
                    mayCommand);
            messages.add(new ChatMessage(p.id(), p.room(), p.sender(), p.text(), p.at(), human,
                    addressed(p, draft), mayCommand));
        }
        long next = news.isEmpty() ? position(cursor) : news.get(news.size() - 1).position();
        return new ChatBatch(messages, PREFIX + next);
    }

    private boolean addressed(InMemoryChat.Posted p, ChatMessage draft) {
        if (p.sender().equals(userId)) {
            return false;
        }
        return p.mentions().contains(userId)
                || ChatMessage.startsWithAddress(p.text(), name)
                || !p.explicitMentions() && nameAsWord.matcher(p.text()).find();
    }

    private static long position(String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!cursor.startsWith(PREFIX) || !cursor.substring(PREFIX.length()).matches("\\d{1,18}")) {
            throw new ChatException(ChatException.Kind.REFUSED, "'" + cursor + "' is not a cursor of an in-memory chat");
        }
        return Long.parseLong(cursor.substring(PREFIX.length()));
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        chat.post(userId, room, ChatLimits.fit(text), idempotencyKey);
    }

    @Override
    public String toString() {
        return "InMemoryChatPort[" + userId + "]";
    }
}
