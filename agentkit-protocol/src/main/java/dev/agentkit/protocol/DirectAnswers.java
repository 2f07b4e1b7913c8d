package dev.agentkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.Headers;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's direct subject ({@code work.direct.<host>}) as it listens to it: answers to the
 * questions it put to its agent, matched by {@code Agentkit-Correlation-Id} to the prompt that
 * waits for them. The DIRECT stream keeps every answer as well, so one that comes after its
 * prompt stopped waiting is still where the host's last response said it would be.
 */
final class DirectAnswers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectAnswers.class);

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    DirectAnswers(Connection connection, String subject) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher(this::onMessage);
        dispatcher.subscribe(subject);
    }

    /** The answer to the question {@code correlationId}, when it comes. */
    CompletableFuture<String> expect(String correlationId) {
        return waiting.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
    }

    /** No one waits for {@code correlationId} any more. */
    void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    private void onMessage(Message m) {
        String correlation = m.getHeaders() == null ? null : m.getHeaders().getFirst(Headers.CORRELATION_ID);
        if (correlation == null) {
            return;
        }
        String text = Json.tryRead(m.getData()).map(j -> j.path("text")).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseGet(() -> new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8));
        Optional.ofNullable(waiting.get(correlation)).ifPresentOrElse(f -> f.complete(text),
                () -> log.info("an answer to {} came after its prompt stopped waiting; it stays in the DIRECT stream", correlation));
    }

    @Override
    public void close() {
        waiting.values().forEach(f -> f.cancel(false));
        if (dispatcher.isActive()) {
            connection.closeDispatcher(dispatcher);
        }
    }
}
