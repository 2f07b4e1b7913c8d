package dev.agentkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.protocol.internal.PayloadSize;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prompt to one discovered protocol agent, as a caller (§5-§7): checks the prompt against the
 * endpoint's {@code max_payload} and {@code attachments_ok} before anything is sent, publishes it
 * to the advertised subject with a fresh reply inbox, and reads the stream until its terminator.
 * Every message, the {@code ack} keep-alives included, restarts the silence timer, so a long task
 * that keeps beating is waited for and a vanished one is noticed after {@code silence}; the whole
 * stream is bounded by {@code maxWait}. A mid-stream {@code query} is handed to a
 * {@link QueryHandler} and its answer sent as the one reply. Used by the {@link ProtocolWorker}.
 */
public final class PromptCall {
    private static final Logger log = LoggerFactory.getLogger(PromptCall.class);

    /** Answers a mid-stream question, blocking for a bounded time; empty when there is no answer. */
    @FunctionalInterface
    public interface QueryHandler {
        /** The answer to {@code query}, or empty. */
        Optional<String> answer(Chunk.Query query);
    }

    private final Connection connection;
    private final Duration silence;
    private final Duration maxWait;

    /** Calls on {@code connection}; a stream silent for {@code silence} or longer than {@code maxWait} is given up. */
    public PromptCall(Connection connection, Duration silence, Duration maxWait) {
        this.connection = connection;
        this.silence = silence;
        this.maxWait = maxWait;
    }

    /** Why {@code prompt} may not be sent to {@code agent} (§5.4), or empty when it may. */
    public Optional<String> check(AgentRecord agent, PromptEnvelope prompt) {
        if (prompt.hasAttachments() && !agent.attachmentsOk()) {
            return Optional.of(agent.label() + " takes no attachments (attachments_ok is not true)");
        }
        long size = prompt.encode().length;
        long server = connection.getServerInfo() == null ? 0 : connection.getServerInfo().getMaxPayload();
        long limit = Math.min(agent.maxPayload().orElse(Long.MAX_VALUE), server > 0 ? server : Long.MAX_VALUE);
        if (size > limit) {
            return Optional.of("the prompt is " + size + " bytes, more than the " + limit + " that " + agent.label()
                    + " takes (max_payload " + agent.maxPayload().stream().mapToObj(PayloadSize::format).findFirst().orElse("-") + ")");
        }
        return Optional.empty();
    }

    /** Sends {@code prompt} to {@code agent} and reads its stream to the end. */
    public StreamEnd call(AgentRecord agent, PromptEnvelope prompt, QueryHandler queries) throws InterruptedException {
        Optional<String> refused = check(agent, prompt);
        if (refused.isPresent()) {
            return new StreamEnd.Refused(refused.get());
        }
        String inbox = connection.createInbox();
        Subscription sub = connection.subscribe(inbox);
        try {
            connection.publish(agent.promptSubject(), inbox, prompt.encode());
            return read(agent, sub, queries);
        } finally {
            sub.unsubscribe();
        }
    }

    private StreamEnd read(AgentRecord agent, Subscription sub, QueryHandler queries) throws InterruptedException {
        AgentClock real = AgentClock.system(); // the agent answers over NATS in real time
        long deadline = real.nanoTime() + maxWait.toNanos();
        StringBuilder text = new StringBuilder();
        while (true) {
            long left = deadline - real.nanoTime();
            if (left <= 0) {
                return new StreamEnd.TooLong(maxWait);
            }
            Message m = sub.nextMessage(Duration.ofNanos(Math.min(left, silence.toNanos())));
            if (m == null) {
                return deadline - real.nanoTime() <= 0 ? new StreamEnd.TooLong(maxWait) : new StreamEnd.Silent(silence);
            }
            if (m.isStatusMessage()) {
                if (m.getStatus().getCode() == 503) {
                    return new StreamEnd.NoResponders(agent.promptSubject());
                }
                continue;
            }
            Headers h = m.getHeaders();
            if (h != null && h.containsKey(Protocol.ERROR_CODE_HEADER)) {
                return failed(h, m.getData());
            }
            byte[] data = m.getData() == null ? new byte[0] : m.getData();
            if (data.length == 0 && (h == null || h.isEmpty())) {
                return new StreamEnd.Completed(text.toString());
            }
            Chunk chunk;
            try {
                chunk = Chunk.decode(data);
            } catch (ProtocolException e) {
                return new StreamEnd.Broken(agent.label() + " sent a bad chunk: " + e.getMessage());
            }
            if (chunk instanceof Chunk.Response r) {
                text.append(r.text());
            } else if (chunk instanceof Chunk.Query q) {
                log.info("{} asks mid-stream (query {}): {}", agent.label(), q.id(), q.prompt());
                Optional<String> answer = queries.answer(q);
                if (answer.isEmpty()) {
                    return new StreamEnd.Unanswered(q, "no allow-listed human answered in time (or there is no chat)");
                }
                connection.publish(q.replySubject(), answer.get().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static StreamEnd failed(Headers h, byte[] body) {
        int code;
        try {
            code = Integer.parseInt(h.getFirst(Protocol.ERROR_CODE_HEADER).trim());
        } catch (NumberFormatException e) {
            code = 500;
        }
        String description = Optional.ofNullable(h.getFirst(Protocol.ERROR_HEADER)).orElse("");
        Optional<JsonNode> json = body == null ? Optional.empty() : Json.tryRead(body).filter(JsonNode::isObject);
        String message = json.map(j -> j.path("message").asText("")).filter(s -> !s.isEmpty()).orElse(description);
        long retryAfter = json.map(j -> j.path("retry_after_s").asLong(0)).orElse(0L);
        return new StreamEnd.Failed(code, message, Duration.ofSeconds(Math.max(0, retryAfter)));
    }
}
