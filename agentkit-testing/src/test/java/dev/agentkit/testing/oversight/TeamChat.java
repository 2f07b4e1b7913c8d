package dev.agentkit.testing.oversight;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One shared chat for oversight tests, until InMemoryChat lands on main: every room in one log,
 * a port per account (agents and the desk), posts de-duplicated per account and key and seen by
 * everyone as non-human messages, humans allowed to command or not, and a switch that makes the
 * next reads start over (a re-sync from an old cursor).
 */
final class TeamChat {
    private record Line(ChatMessage message, String account) {
    }

    private final Set<String> accounts;
    private final List<Line> log = new ArrayList<>();
    private final Map<String, String> postKeys = new LinkedHashMap<>();
    boolean replayFromStart;

    TeamChat(String... accounts) {
        this.accounts = Set.of(accounts);
    }

    /** A human says {@code text} in {@code room}; {@code allowed} is whether they may command. */
    void say(String sender, String room, String text, boolean allowed) {
        log.add(new Line(new ChatMessage("$" + (log.size() + 1), room, sender, text, Instant.EPOCH, true, false, allowed),
                null));
    }

    /** What was posted to {@code room}, oldest first, as {@code account: text}. */
    List<String> postsTo(String room) {
        return log.stream().filter(l -> l.account() != null && l.message().room().equals(room))
                .map(l -> l.account() + ": " + l.message().text()).toList();
    }

    ChatPort port(String account) {
        if (!accounts.contains(account)) {
            throw new IllegalArgumentException("not an account of this chat: " + account);
        }
        return new ChatPort() {
            @Override
            public ChatBatch read(String cursor) {
                int from = cursor == null || replayFromStart ? 0 : Integer.parseInt(cursor);
                List<ChatMessage> out = new ArrayList<>();
                for (Line l : log.subList(from, log.size())) {
                    ChatMessage m = l.message();
                    boolean addressed = !m.textWithoutAddress(account).equals(m.text().strip());
                    out.add(new ChatMessage(m.id(), m.room(), m.sender(), m.text(), m.sentAt(), m.fromHuman(), addressed,
                            m.mayCommand()));
                }
                return new ChatBatch(out, Integer.toString(log.size()));
            }

            @Override
            public void post(String room, String text, String idempotencyKey) {
                if (postKeys.putIfAbsent(account + "|" + idempotencyKey, text) == null) {
                    log.add(new Line(new ChatMessage("$" + (log.size() + 1), room, "@" + account + ":hs", text,
                            Instant.EPOCH, false, false, false), account));
                }
            }
        };
    }
}
