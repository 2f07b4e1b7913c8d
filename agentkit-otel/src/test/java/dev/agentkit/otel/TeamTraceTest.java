package dev.agentkit.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.testing.AgentTestKit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The whole team's story in memory, with the OpenTelemetry SDK: one requirement is drained, done
 * by Roy, announced, and read by Jen, all in one trace.
 */
class TeamTraceTest {
    static final Requirement LOGIN = new Requirement("REQ-001", "Add login", List.of("api"), List.of());
    static final Requirement IMPOSSIBLE = new Requirement("REQ-013", "An impossible API", List.of("api"), List.of());

    private final Sdk sdk = new Sdk();
    private final AgentTestKit kit = AgentTestKit.create();

    @AfterEach
    void close() {
        kit.close();
        sdk.close();
    }

    private AgentRuntime runtime() {
        kit.provision("roy", "backend").provision("jen", "frontend");
        return sdk.telemetry.install(kit.runtime().toBuilder()).build();
    }

    private void drain(Requirement... requirements) {
        QueueDrainer.builder(sdk.telemetry.wrap(kit.broker()), TagRouter.builder().rule("api", "backend").build())
                .clock(kit.clock()).build().drain(List.of(requirements));
    }

    @Test
    void aRequirementsTraceRunsFromTheDrainerThroughRoyToJen() {
        AgentRuntime runtime = runtime();
        StoryAgents.Roy roy = new StoryAgents.Roy(runtime, sdk.telemetry);
        StoryAgents.Jen jen = new StoryAgents.Jen(runtime);

        drain(LOGIN);
        TurnReport royTurn = roy.runTurn();
        jen.runTurn();

        assertThat(royTurn.done()).isEqualTo(1);
        assertThat(jen.announcements).containsExactly("REQ-001");
        SpanData drained = sdk.span("publish work.requirements.backend");
        SpanData royItem = sdk.span("process work.requirements.backend");
        SpanData announced = sdk.span("publish work.integration.api_ready");
        SpanData jenRead = sdk.span("process work.integration.api_ready");
        SpanData royTurnSpan = sdk.span("turn roy");

        String trace = drained.getTraceId();
        assertThat(drained.getParentSpanContext().isValid()).as("the drainer starts the trace").isFalse();
        assertThat(drained.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(drained.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("nats");
        assertThat(drained.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo("work.requirements.backend");

        assertThat(List.of(royItem, announced, jenRead)).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(trace));
        assertThat(royItem.getParentSpanId()).isEqualTo(drained.getSpanId());
        assertThat(royItem.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(royItem.getLinks()).extracting(LinkData::getSpanContext)
                .anySatisfy(c -> assertThat(c.getSpanId()).isEqualTo(royTurnSpan.getSpanId()));
        assertThat(royItem.getAttributes().get(AttributeKey.stringKey("agentkit.requirement"))).isEqualTo("REQ-001");
        assertThat(royItem.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo("REQ-001");
        assertThat(royItem.getAttributes().get(AttributeKey.longKey("agentkit.delivery_count"))).isEqualTo(1L);
        assertThat(royItem.getAttributes().get(AttributeKey.stringKey("agentkit.outcome"))).isEqualTo("DONE");
        assertThat(royItem.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(120L);
        assertThat(announced.getParentSpanId()).isEqualTo(royItem.getSpanId());
        assertThat(jenRead.getParentSpanId()).isEqualTo(announced.getSpanId());

        assertThat(royTurnSpan.getTraceId()).as("a turn is its own trace, linked from its items").isNotEqualTo(trace);
        assertThat(royTurnSpan.getAttributes().get(AttributeKey.stringKey("agentkit.turn.id"))).isEqualTo(royTurn.turnId());
        assertThat(royTurnSpan.getAttributes().get(AttributeKey.stringKey("agentkit.stop_reason")))
                .isEqualTo(royTurn.stopReason().name());
        assertThat(royTurnSpan.getAttributes().get(AttributeKey.longKey("agentkit.done"))).isEqualTo(1L);
        assertThat(roy.traceIdsInMdc).as("the MDC names the item's trace").containsExactly(trace);
        assertThat(sdk.span("chat claude-sonnet-4-5").getParentSpanId()).isEqualTo(royItem.getSpanId());
        LoggerFactory.getLogger(TeamTraceTest.class).info("the story's traces:\n{}\n{}", SpanTree.render(sdk.finished(), trace),
                SpanTree.render(sdk.finished(), royTurnSpan.getTraceId()));
    }

    @Test
    void aDeadLetteredItemsSpanIsAnErrorWithTheReason() {
        StoryAgents.Roy roy = new StoryAgents.Roy(runtime(), sdk.telemetry);
        drain(IMPOSSIBLE);

        assertThat(roy.runTurn().deadLettered()).isEqualTo(1);

        SpanData item = sdk.span("process work.requirements.backend");
        assertThat(item.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(item.getStatus().getDescription()).contains("cannot be built: An impossible API");
        assertThat(item.getAttributes().get(AttributeKey.stringKey("agentkit.outcome"))).isEqualTo("DEAD_LETTERED");
        SpanData letter = sdk.span("publish work.deadletter.roy");
        assertThat(letter.getParentSpanId()).as("the dead letter descends from the item").isEqualTo(item.getSpanId());
    }

    @Test
    void aRetryFromChatContinuesTheOriginalTrace() {
        StoryAgents.Roy roy = new StoryAgents.Roy(runtime(), sdk.telemetry);
        drain(IMPOSSIBLE);
        roy.runTurn();
        String trace = sdk.span("publish work.requirements.backend").getTraceId();

        kit.human("@alice:localhost").say("backend", "roy: retry REQ-013");
        roy.runTurn();
        roy.runTurn();

        List<SpanData> items = sdk.spans("process work.requirements.backend");
        assertThat(items).hasSize(2);
        assertThat(items).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(trace));
        List<SpanData> republished = sdk.spans("publish work.requirements.backend");
        assertThat(republished).hasSize(2).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(trace));
    }
}
