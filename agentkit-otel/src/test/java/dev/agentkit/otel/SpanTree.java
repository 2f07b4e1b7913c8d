package dev.agentkit.otel;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;

/** Renders one trace's spans as an indented tree, for the README's picture and for reading test output. */
final class SpanTree {
    /** The attributes the picture shows, when a span has them. */
    private static final List<String> SHOWN = List.of("agentkit.agent", "agentkit.turn.id", "agentkit.requirement",
            "agentkit.outcome", "agentkit.stop_reason", "agentkit.done", "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens", "agentkit.chat.room");

    private SpanTree() {
    }

    static String render(List<SpanData> spans, String traceId) {
        List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        StringBuilder out = new StringBuilder("trace " + traceId + "\n");
        trace.stream().filter(s -> trace.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .forEach(root -> render(trace, root, 1, out));
        return out.toString();
    }

    private static void render(List<SpanData> trace, SpanData span, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind().name().toLowerCase())
                .append("]");
        for (String key : SHOWN) {
            span.getAttributes().forEach((k, v) -> {
                if (k.getKey().equals(key)) {
                    out.append(' ').append(key).append('=').append(v);
                }
            });
        }
        if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
            out.append(" ERROR: ").append(span.getStatus().getDescription());
        }
        if (!span.getLinks().isEmpty()) {
            out.append(" (linked to its turn)");
        }
        out.append('\n');
        trace.stream().filter(c -> c.getParentSpanId().equals(span.getSpanId()))
                .forEach(c -> render(trace, c, depth + 1, out));
    }
}
