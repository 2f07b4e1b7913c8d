package dev.agentkit.core.turn;

import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.topology.AgentConsumers;

/** The state of one running turn, shared by its steps. Confined to the turn's thread. */
final class Turn {
    final String id;
    final AgentState state;
    final TurnTally tally = new TurnTally();
    final Outbox outbox;
    final ChatOutbox chat;
    final DeliveryProcessor processor;
    final AgentConsumers consumers;
    final BudgetGuard budget;
    final Listeners listeners;
    int posts;
    /** Questions asked in this turn: the n of their {@code <turn id>-q<n>} correlation ids. */
    int asks;
    /** A {@link VirtualMachineError} from processWork: the turn ends and rethrows it once saved. */
    VirtualMachineError fatal;
    final Heartbeat heartbeat;
    final FetchRetry fetches;

    Turn(String id, AgentConfig config, AgentRuntime runtime, AgentState state, AgentConsumers consumers) {
        this.id = id;
        this.state = state;
        this.consumers = consumers;
        this.outbox = new Outbox(runtime.broker(), runtime.clock(), config.name(), id);
        this.chat = new ChatOutbox(runtime.chat(), state, tally);
        this.budget = new BudgetGuard(config, state, runtime.clock(), tally);
        this.listeners = new Listeners(runtime.listeners());
        this.heartbeat = new Heartbeat(runtime.clock(), config.name());
        this.fetches = new FetchRetry(runtime.broker(), runtime.clock(), config.name(), config.brokerRetry());
        DeadLetters dead = new DeadLetters(runtime.broker(), runtime.topology().deadLetterSubject(config.name()),
                config.name(), new DeadLetterIndex(runtime.state(), runtime.clock()));
        this.processor = new DeliveryProcessor(config, heartbeat, dead, chat,
                new QuotaDeferral(runtime.broker(), runtime.clock()), budget);
    }
}
