package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class users extend to write an agent. {@link #runTurn()} runs one bounded turn:
 * <ol>
 *   <li>take the agent's turn lease, load its state and claim the turn's number
 *       ({@code <agent>-<n>}, saved before it is used, so ids made from it are new after a crash);
 *       from here to the end the heartbeat renews the lease;</li>
 *   <li>read the chat: oversight commands ({@code dev.agentkit.core.oversight.Command}) and
 *       human messages to {@link #onHumanMessage}; then act on the questions it asked humans
 *       ({@link Outcome#awaitApproval}) whose timeout passed;</li>
 *   <li>pull direct messages: questions to {@link #onQuestion}, answers to {@link #onAnswer};</li>
 *   <li>pull the coordination streams into {@link #onCoordination}, so the work below sees the
 *       team's latest announcements;</li>
 *   <li>pull work within the budgets (items, wall time, usage per period, provider quota), skip
 *       items already processed, run {@link #processWork} and settle each item by its
 *       {@link Outcome};</li>
 *   <li>post a status line to the agent's room if the turn pulled work (alerts were posted as
 *       they arose), and say so there when a budget or quota stopped it;</li>
 *   <li>save state (conditional on the version claimed, so a turn that lost its lease never
 *       overwrites a newer turn's) and release the lease.</li>
 * </ol>
 * A paused agent, or one whose usage budget or provider quota is spent, reads its chat and
 * pulls nothing. {@link TurnListener}s on the runtime hear every turn and item. The turn never
 * waits on an empty queue. Subclasses implement {@code processWork} and may
 * override the other hooks; they never ack, nak or terminate messages themselves. One instance
 * runs one turn at a time; the lease keeps other instances of the same agent out.
 */
public abstract class TurnBasedAgent {
    private static final Logger log = LoggerFactory.getLogger(TurnBasedAgent.class);

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final TurnCycle cycle;

    protected TurnBasedAgent(AgentConfig config, AgentRuntime runtime) {
        this.config = config;
        this.runtime = runtime.forAgent(config.name());
        this.cycle = new TurnCycle(config, this.runtime, new Hooks());
    }

    /** Does the work of one item and says how it went. Exceptions retry the item after the failure delay. */
    protected abstract Outcome processWork(WorkItem item) throws Exception;

    /** A human addressed this agent with something that is not a command; the reply is posted in the room. */
    protected Optional<String> onHumanMessage(ChatMessage message) {
        return Optional.empty();
    }

    /** Another agent asked a question; the answer goes back to it. Empty: no answer. */
    protected Optional<String> onQuestion(DirectMessage question) {
        return Optional.empty();
    }

    /** The answer to a question this agent asked with {@link #ask}. */
    protected void onAnswer(DirectMessage answer) {
        log.info("{} got an answer from {} to {}", config.name(), answer.from(), answer.correlationId());
    }

    /** A design decision or an integration announcement, on every agent's own durable. */
    protected void onCoordination(String subject, Envelope message) {
    }

    /**
     * Runs one turn; see the class comment. Never throws for broker, chat or state-store failures:
     * they are reported. An exception or {@code Error} from {@code processWork} is the item's
     * failure; a {@link VirtualMachineError} (stack overflow, out of memory) also ends the turn,
     * which settles the item, saves its state, reports ({@link StopReason#VM_ERROR}) and then
     * rethrows it. An exception from another hook is thrown on after the state was saved.
     */
    public final TurnReport runTurn() {
        return cycle.run();
    }

    /**
     * Reports what a language-model call cost: it counts against the agent's usage budget for the
     * period, and inside {@code processWork} against the item, in the {@link ItemEvent} and the
     * {@link TurnReport}. Once the budget is spent the turn pulls no more work until the period
     * resets. Report every call, failed ones too: tokens were spent.
     */
    protected final void reportUsage(long tokensIn, long tokensOut, double cost) {
        reportUsage(Usage.of(tokensIn, tokensOut, cost));
    }

    /** {@link #reportUsage(long, long, double)} with a {@link Usage}. */
    protected final void reportUsage(Usage usage) {
        Turn t = requireTurn();
        t.budget.add(usage);
        t.listeners.usage(config.name(), t.id, usage);
    }

    /**
     * Publishes {@code payload} as JSON to {@code subject}. Inside {@code processWork} it goes out
     * only if the item is done, before the ack, and at most once per item; elsewhere at once.
     */
    protected final void publish(String subject, Object payload) {
        requireTurn().outbox.publish(subject, payload instanceof Envelope e ? e : Envelope.ofJson(payload));
    }

    /** Publishes a completed-work announcement to {@code work.integration.<event>}. */
    protected final void announce(String event, Object payload) {
        publish(runtime.topology().integrationSubject(event), payload);
    }

    /**
     * Asks another agent a question on its direct subject; the answer arrives in
     * {@link #onAnswer} on a later turn. Returns the correlation id, {@code <turn id>-q<n>} for the
     * turn's n-th question: new in every turn, since the turn's number is saved before it is used.
     */
    protected final String ask(String otherAgent, String question) {
        return requireTurn().directs.ask(otherAgent, question);
    }

    /** Posts to a chat room now; kept for a later turn if the chat is down. */
    protected final void post(String room, String text) {
        Turn t = requireTurn();
        t.chat.post(room, config.name() + ": " + text, t.id + ":post:" + (++t.posts));
    }

    /** Posts to the alerts room. */
    protected final void alert(String text) {
        post(config.alertsRoom(), text);
    }

    /**
     * The agent's own state, loaded for this turn and saved at its end. Only valid during a turn.
     * agentkit's own keys (turn count, chat cursor, kept posts, usage ledger) are not in it.
     */
    protected final AgentState state() {
        return requireTurn().state;
    }

    /**
     * Where this turn's read of the chat ended: the cursor from which a later read of
     * {@code runtime().chat()} sees only what came after it. Kept by agentkit apart from
     * {@link #state()}. Only valid during a turn.
     */
    protected final Optional<String> chatCursor() {
        return requireTurn().state.internal().get(ChatStep.CURSOR_KEY);
    }

    /** Who this agent is and how its turns behave. */
    public final AgentConfig config() {
        return config;
    }

    /** The broker, chat, clock and stores this agent uses. */
    public final AgentRuntime runtime() {
        return runtime;
    }

    /** The agent's clock; use it, never the system time. */
    protected final AgentClock clock() {
        return runtime.clock();
    }

    private Turn requireTurn() {
        Turn turn = cycle.current();
        if (turn == null) {
            throw new IllegalStateException(config.name()
                    + ": publish, ask, post, reportUsage and state are only valid during a turn");
        }
        return turn;
    }

    /** The user's hooks as the turn's steps call them. */
    private final class Hooks implements AgentHooks {
        @Override
        public Outcome work(WorkItem item) throws Exception {
            return processWork(item);
        }

        @Override
        public Optional<String> humanMessage(ChatMessage message) {
            return onHumanMessage(message);
        }

        @Override
        public Optional<String> question(DirectMessage question) {
            return onQuestion(question);
        }

        @Override
        public void answer(DirectMessage answer) {
            onAnswer(answer);
        }

        @Override
        public void coordination(String subject, Envelope message) {
            onCoordination(subject, message);
        }
    }
}
