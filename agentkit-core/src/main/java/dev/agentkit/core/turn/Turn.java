package dev.agentkit.core.turn;

import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.topology.AgentConsumers;

/**
 * The collaborators of one running turn, made when it starts and shared by its steps; the steps
 * return what they did and the turn cycle counts it. Confined to the turn's thread.
 */
final class Turn {
    final String id;
    final AgentState state;
    final Outbox outbox;
    final ChatOutbox chat;
    final DeliveryProcessor processor;
    final AgentConsumers consumers;
    final BudgetGuard budget;
    final Listeners listeners;
    final Interceptors interceptors;
    final DirectMessages directs;
    final Heartbeat heartbeat;
    final FetchRetry fetches;
    final ApprovalBook approvals;
    final Parking parking;
    /** Posts made with {@code TurnBasedAgent.post} in this turn: the n of their {@code <turn id>:post:<n>} keys. */
    int posts;

    Turn(String id, AgentConfig config, AgentRuntime runtime, AgentState state, AgentConsumers consumers) {
        this.id = id;
        this.state = state;
        this.consumers = consumers;
        this.outbox = new Outbox(runtime.broker(), runtime.clock(), config.name(), id);
        this.chat = new ChatOutbox(runtime.chat(), state.internal());
        this.budget = new BudgetGuard(config, state.internal(), runtime.clock());
        this.listeners = new Listeners(runtime.listeners());
        this.interceptors = new Interceptors(runtime.interceptors(), config.name(), id);
        this.heartbeat = new Heartbeat(runtime.clock(), config.name());
        this.fetches = new FetchRetry(runtime.broker(), runtime.clock(), config.name(), config.brokerRetry());
        this.directs = new DirectMessages(config.name(), runtime.topology(), id, outbox);
        Settlement settlement = new Settlement(runtime.broker(), config.name(),
                runtime.topology().deadLetterSubject(config.name()), new DeadLetterIndex(runtime.state(), runtime.clock()),
                config.failureDelay(), config.blockedDelay(), config.alertsRoom(), chat::post);
        this.approvals = new ApprovalBook(runtime.state(), runtime.clock());
        this.parking = new Parking(config, approvals, chat, runtime.clock());
        this.processor = new DeliveryProcessor(config.name(), settlement, heartbeat,
                new QuotaDeferral(runtime.broker(), runtime.clock()), budget, parking, config.failureDelay());
    }
}
