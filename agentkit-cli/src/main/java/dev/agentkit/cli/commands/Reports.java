package dev.agentkit.cli.commands;

import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.TurnReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turn reports and item events as the commands print them in JSON. */
final class Reports {
    private Reports() {
    }

    static Map<String, Object> json(TurnReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("turn", r.turnId());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMs", r.duration().toMillis());
        m.put("pulled", r.pulled());
        m.put("done", r.done());
        m.put("retried", r.retried());
        m.put("failed", r.failed());
        m.put("blocked", r.blocked());
        m.put("rejected", r.rejected());
        m.put("deadLettered", r.deadLettered());
        m.put("duplicates", r.duplicates());
        m.put("humanMessages", r.humanMessages());
        m.put("directMessages", r.directMessages());
        m.put("coordination", r.coordination());
        m.put("stopReason", r.stopReason().name());
        m.put("chatError", r.chatError());
        m.put("summary", r.summary());
        return m;
    }

    static String line(ItemEvent e) {
        return e.agent() + " " + e.itemId() + " " + e.result().name().toLowerCase(java.util.Locale.ROOT)
                + " (delivery " + e.deliveryCount() + ", " + e.duration().toMillis() + " ms)"
                + (e.detail().isEmpty() ? "" : ": " + firstLine(e.detail()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
