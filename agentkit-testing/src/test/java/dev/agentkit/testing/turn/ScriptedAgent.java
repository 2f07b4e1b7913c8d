package dev.agentkit.testing.turn;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A test agent whose work is a lambda and which records what its hooks saw. */
class ScriptedAgent extends TurnBasedAgent {
    interface Work {
        Outcome apply(ScriptedAgent self, WorkItem item) throws Exception;
    }

    final List<WorkItem> worked = new ArrayList<>();
    final List<String> coordination = new ArrayList<>();
    final List<DirectMessage> answers = new ArrayList<>();
    Work work = (self, item) -> Outcome.done();
    String answer;
    String askOnFirstItem;

    ScriptedAgent(AgentConfig config, AgentRuntime runtime) {
        super(config, runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) throws Exception {
        worked.add(item);
        if (askOnFirstItem != null) {
            ask(askOnFirstItem, "what is the schema of /login?");
            askOnFirstItem = null;
        }
        return work.apply(this, item);
    }

    @Override
    protected Optional<String> onQuestion(DirectMessage question) {
        return Optional.ofNullable(answer);
    }

    @Override
    protected void onAnswer(DirectMessage a) {
        answers.add(a);
    }

    @Override
    protected void onCoordination(String subject, Envelope message) {
        coordination.add(subject);
    }

    @Override
    protected Optional<String> onHumanMessage(ChatMessage message) {
        return Optional.of("heard: " + message.textWithoutAddress(config().name()));
    }

    void usage(dev.agentkit.core.budget.Usage usage) {
        reportUsage(usage);
    }

    void announceFromWork(String event, Object payload) {
        announce(event, payload);
    }

    String askFromWork(String otherAgent, String question) {
        return ask(otherAgent, question);
    }
}
