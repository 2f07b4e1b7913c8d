package dev.agentkit.protocol;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a protocol agent's mid-stream question to the humans in the worker's chat room and waits,
 * for a bounded time, for an answer. Only a human who may command agents
 * ({@link ChatMessage#mayCommand()}, the same allow-list the turn's chat step applies) and who
 * addresses the worker ({@code roy: yes}) answers; anyone else is logged and ignored. Messages
 * already there before the question are never taken as its answer. Used by the
 * {@link ProtocolWorker} while {@code processWork} runs.
 */
final class ChatQuery {
    private static final Logger log = LoggerFactory.getLogger(ChatQuery.class);

    private final ChatPort chat;
    private final String agentName;
    private final String room;
    private final Duration timeout;
    private final Duration pollEvery;

    ChatQuery(ChatPort chat, String agentName, String room, Duration timeout, Duration pollEvery) {
        this.chat = chat;
        this.agentName = agentName;
        this.room = room;
        this.timeout = timeout;
        this.pollEvery = pollEvery;
    }

    /**
     * Posts {@code question} with {@code post}, then reads the chat after {@code cursor} until an
     * allow-listed human answers or the timeout passes.
     */
    Optional<ChatMessage> ask(String question, String cursor, Consumer<String> post) {
        String c;
        Set<String> before = new HashSet<>();
        try {
            ChatBatch now = chat.read(cursor);
            now.messages().forEach(m -> before.add(m.id()));
            c = now.nextCursor() == null ? cursor : now.nextCursor();
        } catch (ChatException e) {
            log.warn("{} cannot ask the chat: {}", agentName, e.getMessage());
            return Optional.empty();
        }
        post.accept(question);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                ChatBatch batch = chat.read(c);
                for (ChatMessage m : batch.messages()) {
                    if (!before.add(m.id()) || !m.fromHuman() || !m.room().equals(room) || !m.addressedToMe()) {
                        continue;
                    }
                    if (!m.mayCommand()) {
                        log.info("{} ignores an answer from {} in {}: sender may not command agents", agentName, m.sender(), m.room());
                        continue;
                    }
                    return Optional.of(m);
                }
                c = batch.nextCursor() == null ? c : batch.nextCursor();
            } catch (ChatException e) {
                log.warn("{} could not read the chat while waiting for an answer: {}", agentName, e.getMessage());
            }
            LockSupport.parkNanos(Math.min(pollEvery.toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
        return Optional.empty();
    }
}
