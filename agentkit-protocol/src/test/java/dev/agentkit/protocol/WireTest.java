package dev.agentkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.turn.Outcome;
import dev.agentkit.protocol.internal.PayloadSize;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The codecs against the wire forms the specification's appendix B and the Python SDKs use. */
class WireTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void chunksDecodeInBothResponseFormsAndUnknownTypesAreKeptApart() {
        assertThat(Chunk.decode(b("{\"type\":\"response\",\"data\":\"Hello, world.\"}"))).isEqualTo(new Chunk.Response("Hello, world."));
        assertThat(Chunk.decode(b("{\"type\":\"response\",\"data\":{\"text\":\"Hello.\",\"attachments\":[]}}")))
                .isEqualTo(new Chunk.Response("Hello."));
        assertThat(Chunk.decode(b("{\"type\":\"status\",\"data\":\"ack\"}"))).isEqualTo(new Chunk.Status("ack"));
        assertThat(Chunk.decode(b("{\"type\":\"query\",\"data\":{\"id\":\"q1\",\"reply_subject\":\"_INBOX.x\",\"prompt\":\"Confirm?\"}}")))
                .isEqualTo(new Chunk.Query("q1", "_INBOX.x", "Confirm?"));
        assertThat(Chunk.decode(b("{\"type\":\"progress\",\"data\":42}"))).isEqualTo(new Chunk.Unknown("progress"));
        assertThatThrownBy(() -> Chunk.decode(b("plain text"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Chunk.decode(b("{\"type\":\"response\",\"data\":{}}"))).isInstanceOf(ProtocolException.class);
        assertThat(new String(Chunk.ack(), StandardCharsets.UTF_8)).contains("\"type\":\"status\"").contains("\"data\":\"ack\"");
        assertThat(Chunk.decode(Chunk.response("hi"))).isEqualTo(new Chunk.Response("hi"));
    }

    @Test
    void requestsAreJsonEnvelopesOrPlainTextAndEmptyOrPromptlessOnesAreRefused() {
        assertThat(PromptEnvelope.decode(b("summarize the attached report"))).isEqualTo(PromptEnvelope.of("summarize the attached report"));
        assertThat(PromptEnvelope.decode(b("  \n{\"prompt\":\"hi\",\"extra\":1}"))).isEqualTo(PromptEnvelope.of("hi"));
        assertThat(PromptEnvelope.decode(b("{\"prompt\":\"s\",\"attachments\":[{\"filename\":\"r.pdf\",\"content\":\"JVBE\"}]}"))
                .hasAttachments()).isTrue();
        assertThatThrownBy(() -> PromptEnvelope.decode(new byte[0])).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PromptEnvelope.decode(b("{\"text\":\"no prompt\"}"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PromptEnvelope.decode(b("{not json"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PromptEnvelope.decode(new byte[]{(byte) 0xff, (byte) 0xfe})).isInstanceOf(ProtocolException.class);
        assertThat(PromptEnvelope.decode(PromptEnvelope.of("a \"quoted\"\nline").encode())).isEqualTo(PromptEnvelope.of("a \"quoted\"\nline"));
    }

    @Test
    void sizesAreBase1024AndCaseInsensitive() {
        assertThat(PayloadSize.parse("1MB")).isEqualTo(1_048_576);
        assertThat(PayloadSize.parse("512kb")).isEqualTo(524_288);
        assertThat(PayloadSize.parse("7B")).isEqualTo(7);
        assertThat(PayloadSize.format(8 * 1024 * 1024)).isEqualTo("8MB");
        assertThat(PayloadSize.format(1500)).isEqualTo("1500B");
        assertThatThrownBy(() -> PayloadSize.parse("1 TB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamEndsMapToOutcomes() {
        Duration d = Duration.ofSeconds(30);
        assertThat(Outcomes.of(new StreamEnd.Failed(400, "bad", Duration.ZERO), "a", d)).isInstanceOf(Outcome.Reject.class);
        assertThat(Outcomes.of(new StreamEnd.Refused("too big"), "a", d)).isInstanceOf(Outcome.Reject.class);
        assertThat(Outcomes.of(new StreamEnd.Failed(403, "no", Duration.ZERO), "a", d)).isInstanceOf(Outcome.Blocked.class);
        assertThat(Outcomes.of(new StreamEnd.Failed(429, "busy", Duration.ofSeconds(7)), "a", d))
                .isEqualTo(Outcome.retry(Duration.ofSeconds(7), "a answered error 429: busy"));
        assertThat(Outcomes.of(new StreamEnd.Failed(500, "oops", Duration.ZERO), "a", d)).isInstanceOf(Outcome.Retry.class);
        assertThat(Outcomes.of(new StreamEnd.Silent(d), "a", d)).isInstanceOf(Outcome.Retry.class);
        assertThat(Outcomes.of(new StreamEnd.NoResponders("agents.prompt.a.b.c"), "a", d)).isInstanceOf(Outcome.Retry.class);
        assertThat(Outcomes.of(new StreamEnd.Unanswered(new Chunk.Query("q", "_INBOX.q", "Sure?"), "nobody answered"), "a", d))
                .isEqualTo(Outcome.blocked("a asked \"Sure?\" and nobody answered"));
        assertThat(Outcomes.notFound(new AgentSelector("x", "y", "z"), d)).isInstanceOf(Outcome.Retry.class);
    }

    @Test
    void hostSubjectsFollowTheDefaultPatternAndRefuseTokensTheProtocolAdvisesAgainst() {
        ProtocolHostConfig c = ProtocolHostConfig.builder("acme", "roy").build();
        assertThat(c.promptSubject()).isEqualTo("agents.prompt.agentkit.acme.roy");
        assertThat(c.statusSubject()).isEqualTo("agents.status.agentkit.acme.roy");
        assertThat(c.heartbeatSubject()).isEqualTo("agents.hb.agentkit.acme.roy");
        assertThat(c.hostName()).isEqualTo("roy-protocol");
        assertThatThrownBy(() -> ProtocolHostConfig.builder("Acme Corp", "roy").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolHostConfig.builder("acme", "a.b").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
