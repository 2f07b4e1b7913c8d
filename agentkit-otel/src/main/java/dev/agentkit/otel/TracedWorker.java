package dev.agentkit.otel;

import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.core.workspace.CommandWorker;
import dev.agentkit.core.workspace.GitWorkspace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Collection;
import java.util.Optional;

/**
 * Spans for the work an agent hands to tools: a {@link CommandWorker} run ({@code worker run}:
 * the program, never its arguments, environment or prompt; the outcome) and a
 * {@link GitWorkspace} commit ({@code git commit}: the requirement and the commit id). Made by
 * {@link AgentkitTelemetry#tools()}; call it where the agent calls the worker or the workspace.
 */
public final class TracedWorker {
    static final AttributeKey<String> PROGRAM = AttributeKey.stringKey("agentkit.worker.program");
    static final AttributeKey<String> COMMIT = AttributeKey.stringKey("agentkit.git.commit");

    private final Spans spans;

    TracedWorker(Spans spans) {
        this.spans = spans;
    }

    /** {@code worker.run(item, systemPrompt)} inside a span named for {@code program}. */
    public Outcome run(CommandWorker worker, String program, WorkItem item, String systemPrompt) {
        Span span = spans.builder("worker run").setAttribute(PROGRAM, program)
                .setAttribute(Attrs.MESSAGE_ID, item.id()).startSpan();
        return spans.within(span, () -> {
            Outcome outcome = worker.run(item, systemPrompt);
            span.setAttribute(Attrs.OUTCOME, outcome.getClass().getSimpleName());
            return outcome;
        });
    }

    /** {@code workspace.commit(requirementId, summary, paths)} inside a span. */
    public Optional<String> commit(GitWorkspace workspace, String requirementId, String summary, Collection<String> paths) {
        Span span = spans.builder("git commit").setAttribute(Attrs.REQUIREMENT, requirementId).startSpan();
        return spans.within(span, () -> {
            Optional<String> commit = workspace.commit(requirementId, summary, paths);
            span.setAttribute(COMMIT, commit.orElse(""));
            return commit;
        });
    }
}
