package dev.agentkit.otel;

import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * agentkit's turn and item metrics, fed by {@link TurnListener} callbacks; every instrument is
 * named {@code agentkit.*} and carries the agent's name ({@code agentkit.agent}). See the module
 * README for the list.
 */
final class TurnMetrics implements TurnListener {
    static final String TURN_DURATION = "agentkit.turn.duration";
    static final String TURNS = "agentkit.turns";
    static final String IDLE_TURNS = "agentkit.turns.idle";
    static final String ITEMS = "agentkit.items";
    static final String REDELIVERIES = "agentkit.items.redelivered";
    static final String DEAD_LETTERS = "agentkit.dead_letters";
    static final String DUPLICATES = "agentkit.items.duplicate";
    static final String TOKENS = "agentkit.usage.tokens";
    static final String COST = "agentkit.usage.cost";
    static final String CHAT_POST_FAILURES = "agentkit.chat.post_failures";

    private final DoubleHistogram turnDuration;
    private final LongCounter turns;
    private final LongCounter idleTurns;
    private final LongCounter items;
    private final LongCounter redeliveries;
    private final LongCounter deadLetters;
    private final LongCounter duplicates;
    private final LongCounter tokens;
    private final DoubleCounter cost;
    private final LongCounter chatPostFailures;

    TurnMetrics(Meter meter) {
        turnDuration = meter.histogramBuilder(TURN_DURATION).setUnit("s").setDescription("How long turns took").build();
        turns = meter.counterBuilder(TURNS).setDescription("Turns run, by stop reason").build();
        idleTurns = meter.counterBuilder(IDLE_TURNS).setDescription("Turns that found nothing to do").build();
        items = meter.counterBuilder(ITEMS).setDescription("Work items settled, by outcome").build();
        redeliveries = meter.counterBuilder(REDELIVERIES)
                .setDescription("Work items processed on a second or later delivery").build();
        deadLetters = meter.counterBuilder(DEAD_LETTERS).setDescription("Work items given up to the dead letters")
                .build();
        duplicates = meter.counterBuilder(DUPLICATES)
                .setDescription("Redeliveries of items already processed, acked without work").build();
        tokens = meter.counterBuilder(TOKENS).setUnit("{token}")
                .setDescription("Model tokens reported with reportUsage, by gen_ai.token.type").build();
        cost = meter.counterBuilder(COST).ofDoubles().setDescription("Model cost reported with reportUsage").build();
        chatPostFailures = meter.counterBuilder(CHAT_POST_FAILURES)
                .setDescription("Turns whose chat posts failed (kept for a later turn)").build();
    }

    @Override
    public void itemDone(ItemEvent item) {
        count(item);
    }

    @Override
    public void itemFailed(ItemEvent item) {
        count(item);
    }

    private void count(ItemEvent item) {
        Attributes agent = Attributes.of(Attrs.AGENT, item.agent());
        items.add(1, agent.toBuilder().put(Attrs.OUTCOME, item.result().name()).build());
        if (item.deliveryCount() > 1) {
            redeliveries.add(1, agent);
        }
        if (item.result() == ItemEvent.Result.DEAD_LETTERED) {
            deadLetters.add(1, agent);
        }
    }

    @Override
    public void turnEnded(TurnReport report) {
        Attributes agent = Attributes.of(Attrs.AGENT, report.agent());
        Attributes stop = agent.toBuilder().put(Attrs.STOP_REASON, report.stopReason().name()).build();
        turns.add(1, stop);
        turnDuration.record(report.duration().toNanos() / 1e9, stop);
        if (report.idle()) {
            idleTurns.add(1, agent);
        }
        if (report.duplicates() > 0) {
            duplicates.add(report.duplicates(), agent);
        }
        Usage u = report.usage();
        if (u != null && !u.isZero()) {
            tokens.add(u.tokensIn(), agent.toBuilder().put(Attrs.TOKEN_TYPE, "input").build());
            tokens.add(u.tokensOut(), agent.toBuilder().put(Attrs.TOKEN_TYPE, "output").build());
            cost.add(u.cost().doubleValue(), agent);
        }
        if (report.chatFailure().isPresent()) {
            chatPostFailures.add(1, agent);
        }
    }
}
