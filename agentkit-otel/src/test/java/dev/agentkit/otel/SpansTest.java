package dev.agentkit.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.Redactor;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.chat.ChatFault;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans besides turns, items and publishes: model calls, routing decisions, chat, a traced piece of work; and no secret on any of them. */
class SpansTest {
    private static final String SECRET = "sk-live-0123456789";

    private final Sdk sdk = new Sdk();
    private final AgentkitTelemetry telemetry = AgentkitTelemetry.create(sdk.otel, Redactor.of(SECRET));
    private final AgentTestKit kit = AgentTestKit.create();

    @AfterEach
    void close() {
        kit.close();
        sdk.close();
    }

    /** Calls a model for each item, reporting its usage inside the call; rejects items that say "leak". */
    private final class Moss extends TurnBasedAgent {
        Moss(AgentRuntime runtime) {
            super(AgentConfig.builder("moss").role("backend").build(), runtime);
        }

        @Override
        @SuppressWarnings("try") // the call is held open, not read (not in the README)
        protected Outcome processWork(WorkItem item) {
            try (ModelCall call = telemetry.modelCall("anthropic", "claude-sonnet-4-5")) {
                reportUsage(100, 20, 0.02);
                call.usage(0, 5);
            }
            if (item.json().path("statement").asText().contains("leak")) {
                return Outcome.reject("the provider said: bad key " + SECRET);
            }
            return Outcome.done();
        }
    }

    private Moss moss() {
        kit.provision("moss", "backend");
        return new Moss(telemetry.install(kit.runtime().toBuilder()).build());
    }

    private void drain(Requirement r) {
        QueueDrainer.builder(telemetry.wrap(kit.broker()),
                telemetry.wrap(TagRouter.builder().rule("api", "backend").build())).clock(kit.clock()).build().drain(List.of(r));
    }

    @Test
    void aModelCallIsAClientSpanWithTheGenAiAttributesAndTheUsageReported() {
        Moss moss = moss();
        drain(TeamTraceTest.LOGIN);
        moss.runTurn();

        SpanData call = sdk.span("chat claude-sonnet-4-5");
        SpanData item = sdk.span("process work.requirements.backend");
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getParentSpanId()).isEqualTo(item.getSpanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("anthropic");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("claude-sonnet-4-5");
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(100L);
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(25L);
    }

    @Test
    void aRoutingDecisionIsASpanWithTheRoleAndTheReason() {
        drain(TeamTraceTest.LOGIN);

        SpanData route = sdk.span("route");
        assertThat(route.getAttributes().get(AttributeKey.stringKey("agentkit.requirement"))).isEqualTo("REQ-001");
        assertThat(route.getAttributes().get(AttributeKey.stringKey("agentkit.route.role"))).isEqualTo("backend");
        assertThat(route.getAttributes().get(AttributeKey.stringKey("agentkit.route.reason"))).contains("api");
    }

    @Test
    void chatReadsAndPostsAreSpansUnderTheTurnAndAFailedPostIsAnError() {
        Moss moss = moss();
        drain(TeamTraceTest.LOGIN);
        kit.chat().refuseNextPost(ChatFault.forbidden());
        moss.runTurn();

        SpanData turn = sdk.span("turn moss");
        assertThat(sdk.spans("chat read")).isNotEmpty().allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(turn.getSpanId()));
        SpanData post = sdk.span("chat post");
        assertThat(post.getParentSpanId()).isEqualTo(turn.getSpanId());
        assertThat(post.getAttributes().get(AttributeKey.stringKey("agentkit.chat.room"))).isEqualTo(moss.config().room());
        assertThat(post.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(turn.getAttributes().get(AttributeKey.stringKey("agentkit.chat_failure"))).isNotBlank();
    }

    @Test
    void aTracedPieceOfWorkIsTheParentOfWhatItPublishesAndFailsByWhatItThrows() {
        kit.provision("moss", "backend");
        Envelope item = Envelope.ofJson(java.util.Map.of("id", "REQ-7", "title", "By hand"));
        telemetry.traced("agentkit pub", () -> telemetry.wrap(kit.broker()).publish("work.requirements.backend", item));
        assertThatThrownBy(() -> telemetry.traced("agentkit retry", () -> {
            throw new IllegalStateException("no letter, key " + SECRET);
        })).isInstanceOf(IllegalStateException.class);

        SpanData command = sdk.span("agentkit pub");
        assertThat(command.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(sdk.span("publish work.requirements.backend").getParentSpanId()).isEqualTo(command.getSpanId());
        SpanData failed = sdk.span("agentkit retry");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).contains("no letter").doesNotContain(SECRET);
    }

    @Test
    void noSecretReachesASpan() {
        Moss moss = moss();
        drain(new Requirement("REQ-066", "A leak", List.of("api"), List.of()));
        moss.runTurn();

        SpanData item = sdk.span("process work.requirements.backend");
        assertThat(item.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(item.getStatus().getDescription()).contains("bad key " + Redactor.MARK);
        assertThat(sdk.finished()).allSatisfy(s -> {
            assertThat(s.getStatus().getDescription()).doesNotContain(SECRET);
            s.getAttributes().forEach((k, v) -> assertThat(String.valueOf(v)).as(k.getKey()).doesNotContain(SECRET));
        });
    }
}
