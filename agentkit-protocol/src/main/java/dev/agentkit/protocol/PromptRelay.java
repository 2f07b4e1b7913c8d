package dev.agentkit.protocol;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.protocol.internal.PayloadSize;
import io.nats.client.Connection;
import io.nats.client.NUID;
import io.nats.service.ServiceMessage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request to the host's {@code prompt} endpoint: refuses a malformed, oversized or
 * attachment-carrying request and a sender the {@link SenderCheck} refuses (an error frame, then
 * the terminator); otherwise acks, puts the prompt on the team's bus as a direct question to the
 * agent ({@code work.direct.<agent>}, {@code Agentkit-Type: question}, a fresh correlation id,
 * replies to {@code work.direct.<host>}), keeps the stream alive with an {@code ack} every
 * keep-alive interval while the agent's turn comes, and streams the answer. Past the answer wait
 * it says, in a {@code response} chunk, where the answer will appear. Every stream ends with the
 * empty terminator.
 */
final class PromptRelay {
    private static final Logger log = LoggerFactory.getLogger(PromptRelay.class);
    /** The direct-message type of a question ({@code DirectMessage}'s, which the turn's message step reads). */
    static final String QUESTION = "question";

    private final Connection connection;
    private final AgentConfig agent;
    private final AgentRuntime runtime;
    private final ProtocolHostConfig host;
    private final SenderCheck senders;
    private final DirectAnswers answers;
    private final long maxPayload;

    PromptRelay(Connection connection, AgentConfig agent, AgentRuntime runtime, ProtocolHostConfig host, SenderCheck senders,
                DirectAnswers answers, long maxPayload) {
        this.connection = connection;
        this.agent = agent;
        this.runtime = runtime;
        this.host = host;
        this.senders = senders;
        this.answers = answers;
        this.maxPayload = maxPayload;
    }

    void handle(ServiceMessage msg) {
        try {
            byte[] body = msg.getData() == null ? new byte[0] : msg.getData();
            PromptEnvelope prompt;
            try {
                prompt = PromptEnvelope.decode(body);
            } catch (ProtocolException e) {
                error(msg, 400, e.getMessage());
                return;
            }
            if (body.length > maxPayload) {
                error(msg, 400, "the prompt is larger than max_payload " + PayloadSize.format(maxPayload));
                return;
            }
            if (prompt.hasAttachments()) {
                error(msg, 400, "this agent takes no attachments");
                return;
            }
            String header = msg.getHeaders() == null ? null : msg.getHeaders().getFirst(Protocol.SENDER_HEADER);
            SenderCheck.Verdict verdict = senders.check(msg.getSubject(), header, body);
            if (!verdict.admitted()) {
                log.info("{} refuses a prompt ({}): {}", host.promptSubject(), verdict.code(), verdict.reason());
                error(msg, verdict.code(), verdict.reason());
                return;
            }
            msg.respond(connection, Chunk.ack());
            relay(msg, prompt, verdict.sender().orElse("an unverified caller"));
        } catch (RuntimeException e) {
            log.warn("{} failed to serve a prompt: {}", host.promptSubject(), e.toString());
            error(msg, 500, "internal error");
        } finally {
            msg.respond(connection, new byte[0]);
        }
    }

    private void relay(ServiceMessage msg, PromptEnvelope prompt, String sender) {
        String correlation = host.hostName() + "-" + NUID.nextGlobal();
        CompletableFuture<String> answer = answers.expect(correlation);
        try {
            Envelope question = Envelope.ofJson(Map.of("text", prompt.prompt()))
                    .withHeader(Headers.TYPE, QUESTION)
                    .withHeader(Headers.CORRELATION_ID, correlation)
                    .withHeader(Headers.REPLY_TO, runtime.topology().directSubject(host.hostName()))
                    .withHeader(Headers.SENDER, host.hostName())
                    .withMessageId(correlation);
            runtime.broker().publish(runtime.topology().directSubject(agent.name()), question);
            log.info("{} relays a prompt from {} to {} as question {}", host.promptSubject(), sender, agent.name(), correlation);
            if (host.requestTurn()) {
                runtime.control().requestTurn(agent.name(), host.hostName());
            }
            Optional<String> text = await(msg, answer);
            msg.respond(connection, Chunk.response(text.orElseGet(() -> agent.name() + " has not answered within "
                    + host.answerWait() + "; the answer will appear on " + runtime.topology().directSubject(host.hostName())
                    + " (stream DIRECT) with " + Headers.CORRELATION_ID + ": " + correlation)));
        } catch (BrokerException e) {
            log.warn("{} could not put a prompt on the team's bus: {}", host.promptSubject(), e.getMessage());
            error(msg, 500, "the team's bus is unavailable");
        } finally {
            answers.forget(correlation);
        }
    }

    private Optional<String> await(ServiceMessage msg, CompletableFuture<String> answer) {
        AgentClock real = AgentClock.system(); // the caller waits in real time
        long deadline = real.nanoTime() + host.answerWait().toNanos();
        while (true) {
            long left = deadline - real.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(answer.get(Math.min(left, host.keepAlive().toNanos()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                msg.respond(connection, Chunk.ack());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return Optional.empty();
            }
        }
    }

    private void error(ServiceMessage msg, int code, String description) {
        msg.respondStandardError(connection, description, code);
    }
}
