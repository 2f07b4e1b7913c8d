package dev.agentkit.core.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.internal.oversight.CommandLedger;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of dead letters and of the stores that keep them: letters fit, entries are small, records are forgotten. */
class DeadLetterBoundsTest {
    private static final long MAX = 1024 * 1024;

    private static DeadLetter letterOf(Envelope original) {
        return DeadLetter.of(original, "work.requirements.backend", "REQUIREMENTS", 7, 1, "roy",
                DeadLetter.Kind.POISON, "poison: body is not JSON", "x".repeat(5000));
    }

    private static byte[] body(int n, byte fill) {
        byte[] b = new byte[n];
        Arrays.fill(b, fill);
        return b;
    }

    @Test
    void aLetterThatFitsIsKeptWhole() {
        Envelope original = Envelope.of(body(900 * 1024, (byte) 'a'), Map.of(Headers.MESSAGE_ID, "REQ-1"));
        Envelope letter = letterOf(original).toEnvelope(MAX);
        assertThat(letter.body()).isEqualTo(original.body());
        assertThat(letter.headers()).doesNotContainKey(Headers.DEAD_TRUNCATED);
        assertThat(letter.header(Headers.LAST_ERROR).orElseThrow()).hasSize(DeadLetter.MAX_TEXT);
    }

    @Test
    void aLetterForABodyAtTheLimitIsCutToFitWithAMarkerAndReadsBackAsTruncated() {
        Envelope original = Envelope.of("é".repeat((int) MAX / 2).getBytes(StandardCharsets.UTF_8),
                Map.of(Headers.MESSAGE_ID, "REQ-2", "X-Trace", "t".repeat(5000)));
        Envelope letter = letterOf(original).toEnvelope(MAX);
        assertThat(PayloadSize.of(letter)).isLessThanOrEqualTo(MAX);
        String text = letter.text();
        assertThat(text).doesNotContain("\uFFFD").endsWith("the original is message 7 of stream REQUIREMENTS]");
        assertThat(letter.headers()).containsEntry(Headers.DEAD_TRUNCATED, "body,headers")
                .containsEntry(Headers.ORIGINAL_STREAM, "REQUIREMENTS").containsEntry(Headers.ORIGINAL_SEQUENCE, "7");
        assertThat(letter.header("X-Trace").orElseThrow()).hasSize(DeadLetter.MAX_HEADER_VALUE);
        DeadLetter read = DeadLetter.from("work.deadletter.roy", letter);
        assertThat(read.truncated()).isTrue();
        assertThat(read.item()).isEqualTo("REQ-2");
    }

    @Test
    void headersTooBigToLeaveRoomAreDroppedButAgentkitsStay() {
        Envelope original = Envelope.of(body(1000, (byte) 'b'), Map.of(Headers.MESSAGE_ID, "REQ-3"));
        for (int i = 0; i < 1100; i++) {
            original = original.withHeader("X-H" + i, "v".repeat(1000));
        }
        Envelope letter = letterOf(original).toEnvelope(MAX);
        assertThat(PayloadSize.of(letter)).isLessThanOrEqualTo(MAX);
        assertThat(letter.headers()).doesNotContainKey("X-H1").containsEntry(Headers.ORIGINAL_ID, "REQ-3")
                .containsEntry(Headers.DEAD_TRUNCATED, "body,headers");
    }

    @Test
    void anIdTooLongToTypeIsCalledByWhereItIs() {
        Envelope original = Envelope.ofJson(Map.of("id", "R".repeat(300)));
        assertThat(letterOf(original).item()).isEqualTo("REQUIREMENTS:7");
        assertThat(DeadLetter.of(original, null, null, 0, 0, "drainer", DeadLetter.Kind.UNROUTABLE, "unroutable", "")
                .item()).hasSize(DeadLetter.MAX_ITEM);
    }

    @Test
    void anEntryIsAReferenceOfAFewKilobytesWhateverTheBody() {
        InMemoryStateStore store = new InMemoryStateStore();
        DeadLetterIndex index = new DeadLetterIndex(store);
        index.recordNew("work.deadletter.roy", "DEAD_LETTER", 3, letterOf(Envelope.of(body(900 * 1024, (byte) 'c'),
                Map.of(Headers.MESSAGE_ID, "REQ-4"))));
        assertThat(store.get("oversight.letter.req-4").orElseThrow().length()).isLessThan(2048);
        assertThat(index.find("REQ-4").orElseThrow().preview()).hasSize(DeadLetterEntry.MAX_PREVIEW);
    }

    @Test
    void closedEntriesAreForgottenAfterTheirAgeAndOpenOnesAreNot() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
        InMemoryStateStore store = new InMemoryStateStore();
        DeadLetterIndex index = new DeadLetterIndex(store, clock);
        for (int i = 0; i < 3; i++) {
            index.recordNew("work.deadletter.roy", "DEAD_LETTER", i + 1, DeadLetter.of(Envelope.ofJson(Map.of("id", "REQ-" + i)),
                    "work.requirements.backend", "REQUIREMENTS", i + 1, 1, "roy", DeadLetter.Kind.REJECTED, "no", "no"));
        }
        index.decide(index.find("REQ-0").orElseThrow(), DeadLetterEntry.Status.SKIPPED, "skipped", 0);
        index.decide(index.find("REQ-1").orElseThrow(), DeadLetterEntry.Status.RETRIED, "retried", 1);
        assertThat(index.openOf("roy")).extracting(DeadLetterEntry::item).containsExactly("REQ-2");

        clock.advance(DeadLetterIndex.CLOSED_MAX_AGE.plus(Duration.ofDays(2)));
        index.recordNew("work.deadletter.roy", "DEAD_LETTER", 9, DeadLetter.of(Envelope.ofJson(Map.of("id", "REQ-9")),
                "work.requirements.backend", "REQUIREMENTS", 9, 1, "roy", DeadLetter.Kind.REJECTED, "no", "no"));
        index.decide(index.find("REQ-9").orElseThrow(), DeadLetterEntry.Status.SKIPPED, "skipped", 0);

        assertThat(index.find("REQ-0")).isEmpty();
        assertThat(index.find("REQ-1")).isEmpty();
        assertThat(store.get("oversight.known.dead:REQUIREMENTS:1:roy")).isEmpty();
        assertThat(index.find("REQ-2")).as("open entries wait for a human").isPresent();
        assertThat(index.find("REQ-9")).isPresent();
    }

    @Test
    void anAgentsOpenListIsBounded() {
        InMemoryStateStore store = new InMemoryStateStore();
        DeadLetterIndex index = new DeadLetterIndex(store);
        for (int i = 0; i <= DeadLetterIndex.MAX_OPEN_PER_AGENT; i++) {
            index.recordNew("work.deadletter.roy", "DEAD_LETTER", i + 1, DeadLetter.of(Envelope.ofJson(Map.of("id", "R-" + i)),
                    "work.requirements.backend", "REQUIREMENTS", i + 1, 1, "roy", DeadLetter.Kind.REJECTED, "no", "no"));
        }
        assertThat(index.openOf("roy")).hasSize(DeadLetterIndex.MAX_OPEN_PER_AGENT);
        assertThat(index.find("R-0")).as("the oldest is forgotten").isEmpty();
        assertThat(index.find("R-1")).isPresent();
    }

    @Test
    void theLedgerForgetsEntriesPastItsAgeAndKeepsActingOnceForRecentOnes() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
        InMemoryStateStore store = new InMemoryStateStore();
        CommandLedger ledger = new CommandLedger(store, clock);
        ledger.once("$old", "roy", () -> "done");
        clock.advance(CommandLedger.MAX_AGE.plus(Duration.ofDays(2)));
        ledger.once("$new", "roy", () -> "done");
        assertThat(ledger.seen("$old")).isFalse();
        assertThat(ledger.seen("$new")).isTrue();
        assertThat(ledger.once("$new", "desk", () -> "again")).isEmpty();

        ChatMessage reread = new ChatMessage("$old", "alerts", "@moss:localhost", "pause roy",
                Instant.parse("2026-01-01T10:00:00Z"), true, false, true);
        int[] runs = new int[1];
        assertThat(ledger.once(reread, "roy", () -> "paused " + (++runs[0]))).as("older than the ledger remembers").isEmpty();
        assertThat(runs[0]).isZero();
    }
}
