package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.PendingApproval;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turn's look at the questions this agent asked humans, after the chat was read (so a
 * decision given in time wins): a request whose timeout passed acts by its options and says so
 * in the agent's room. {@code DENY} sends the item back denied by {@value Approval#TIMEOUT};
 * {@code ESCALATE} tells the alerts room once and keeps waiting without a timer; {@code REASK}
 * posts the question again and waits another timeout. A failure is logged and tried next turn.
 */
final class ApprovalStep {
    private static final Logger log = LoggerFactory.getLogger(ApprovalStep.class);

    private final AgentConfig config;
    private final AgentRuntime runtime;

    ApprovalStep(AgentConfig config, AgentRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    void run(Turn turn) {
        String name = config.name();
        List<PendingApproval> due;
        try {
            due = turn.approvals.dueOf(name);
        } catch (RuntimeException e) {
            log.warn("{} could not read its pending approvals ({}); their timeouts act next turn", name, e.toString());
            return;
        }
        for (PendingApproval e : due) {
            try {
                timedOut(turn, e);
            } catch (RuntimeException failure) {
                log.warn("{} could not act on the timeout of {} ({}); it acts next turn", name, e.item(),
                        failure.toString());
            }
        }
    }

    private void timedOut(Turn turn, PendingApproval e) {
        Broker broker = runtime.broker();
        String waited = ApprovalBook.ago(e.timeout());
        String key = config.name() + ":approval-timeout:" + e.stream() + ":" + e.sequence() + ":" + e.round();
        switch (e.onTimeout()) {
            case DENY -> {
                String reply = turn.approvals.decide(broker, e.item(), Approval.Decision.DENIED, Approval.TIMEOUT,
                        "nobody decided within " + waited);
                turn.chat.post(config.room(), config.name() + ": " + e.item() + " timed out after " + waited
                        + " without a decision; " + reply, key);
            }
            case ESCALATE -> {
                String still = "approve " + e.item() + " | deny " + e.item() + " <reason> | answer " + e.item() + " <text>";
                turn.chat.post(config.alertsRoom(), config.name() + ": ESCALATED " + e.item() + ": nobody decided within "
                        + waited + " (" + e.question() + "); it still waits: " + still, key + ":alerts");
                turn.chat.post(config.room(), config.name() + ": " + e.item() + " timed out after " + waited
                        + " without a decision; escalated to the alerts room, it still waits.", key);
                turn.approvals.rescheduled(e, 0, e.round());
            }
            case REASK -> {
                PendingApproval again = turn.approvals.rescheduled(e,
                        runtime.clock().now().toEpochMilli() + e.timeoutMillis(), e.round() + 1);
                turn.parking.ask(again, "no decision after " + waited + ", asking again: ");
            }
        }
        log.info("{}: the approval {} timed out after {}; {}", config.name(), e.item(), waited, e.onTimeout());
    }
}
