package dev.agentkit.protocol;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import io.nats.client.Connection;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A turn-based agent whose work is done by a protocol agent (any harness on NATS that speaks the
 * Synadia Agent Protocol: a Claude Code or OpenClaw host, a Python {@code AgentService}). For each
 * work item it finds the configured agent by discovery, never by building its subject; checks the
 * prompt against the endpoint's limits; prompts it with the system prompt and the item; reads the
 * stream, its keep-alives holding the wait open (the turn meanwhile keeps the delivery in progress
 * every third of the ack wait); puts a mid-stream question to an allow-listed human in the agent's
 * room when the runtime has a chat; and settles the item by how the stream ended ({@link Outcomes}).
 * An agent that is not found or vanishes mid-item is a transient failure: the item is retried
 * after {@code retryDelay}, and done once when the agent is back (the processed store skips repeats).
 *
 * <p>Extend it to shape the prompt ({@link #promptFor}) or to act on the answer
 * ({@link #onResponse}, e.g. announce it).
 */
public class ProtocolWorker extends TurnBasedAgent {
    private static final Logger log = LoggerFactory.getLogger(ProtocolWorker.class);
    private static final String ANSWERED_KEY = "protocol.query.answers";
    private static final int ANSWERS_KEPT = 50;

    private final ProtocolWorkerConfig worker;
    private final ProtocolDiscovery discovery;
    private final PromptCall call;

    /** A worker named by {@code config}, reaching protocol agents over {@code nats}. */
    public ProtocolWorker(AgentConfig config, AgentRuntime runtime, Connection nats, ProtocolWorkerConfig worker) {
        super(config, runtime);
        this.worker = worker;
        this.discovery = new ProtocolDiscovery(nats, worker.discoveryWait());
        this.call = new PromptCall(nats, worker.silence(), worker.maxWait());
    }

    @Override
    protected Outcome processWork(WorkItem item) throws Exception {
        Optional<AgentRecord> found = discovery.find(worker.selector());
        if (found.isEmpty()) {
            return Outcomes.notFound(worker.selector(), worker.retryDelay());
        }
        AgentRecord agent = found.get();
        log.info("{} prompts {} ({}) with {}", config().name(), agent.label(), agent.instanceId(), item.id());
        StreamEnd end = call.call(agent, PromptEnvelope.of(promptFor(item)), q -> answer(item, agent, q));
        if (end instanceof StreamEnd.Completed c) {
            return onResponse(item, c.text());
        }
        log.warn("{}: {} ended {} for {}", config().name(), agent.label(), end, item.id());
        return Outcomes.of(end, agent.label(), worker.retryDelay());
    }

    /** The prompt for {@code item}: the system prompt, then the item's id, subject and body. */
    protected String promptFor(WorkItem item) {
        String task = "Work item " + item.id() + " (" + item.subject() + "):\n" + item.json().toPrettyString();
        return worker.systemPrompt().isBlank() ? task : worker.systemPrompt() + "\n\n" + task;
    }

    /** What the agent's answer {@code text} makes of {@code item}; done by default. */
    protected Outcome onResponse(WorkItem item, String text) {
        log.info("{} got {} characters for {}", config().name(), text.length(), item.id());
        return Outcome.done();
    }

    /** A human's answer to a protocol agent's question is not also a message to this agent. */
    @Override
    protected Optional<String> onHumanMessage(ChatMessage message) {
        return Optional.empty();
    }

    /** Whether {@code message} was taken as the answer to a protocol agent's question; overriders of {@code onHumanMessage} skip those. */
    protected final boolean answeredQuery(ChatMessage message) {
        return answers().contains(message.id());
    }

    private Optional<String> answer(WorkItem item, AgentRecord agent, Chunk.Query q) {
        if (runtime().chat() == ChatPort.none()) {
            log.info("{} has no chat to put {}'s question to", config().name(), agent.label());
            return Optional.empty();
        }
        String name = config().name();
        ChatQuery query = new ChatQuery(runtime().chat(), name, config().room(), worker.queryTimeout(), worker.chatPoll());
        String question = agent.label() + " asks, working on " + item.id() + ": " + q.prompt()
                + " (answer with \"" + name + ": <answer>\"; I wait " + worker.queryTimeout() + ")";
        Optional<ChatMessage> answer = query.ask(question, chatCursor().orElse(null), text -> post(config().room(), text));
        answer.ifPresent(m -> {
            Deque<String> kept = answers();
            kept.addLast(m.id());
            while (kept.size() > ANSWERS_KEPT) {
                kept.removeFirst();
            }
            state().put(ANSWERED_KEY, String.join("\n", kept));
            log.info("{} passes {}'s answer to {}'s query {}", name, m.sender(), agent.label(), q.id());
        });
        return answer.map(m -> m.textWithoutAddress(name));
    }

    private Deque<String> answers() {
        return state().get(ANSWERED_KEY).filter(s -> !s.isEmpty())
                .map(s -> new ArrayDeque<>(Arrays.asList(s.split("\n")))).orElseGet(ArrayDeque::new);
    }
}
