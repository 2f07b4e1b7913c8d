package dev.agentkit.core.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.internal.oversight.CommandLedger;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.internal.oversight.Escalation;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.store.InMemoryStateStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private final Envelope original = Envelope.ofJson(Map.of("id", "REQ-007", "title", "Add login"))
            .withMessageId("REQ-007:retry:1").withHeader(Headers.SENDER, "drainer");

    private DeadLetter letter() {
        return DeadLetter.of(original, "work.requirements.backend", "REQUIREMENTS", 42, 3, "roy",
                DeadLetter.Kind.MAX_DELIVERIES, "out of deliveries (3 of 3): failed: boom", "failed:\n  boom");
    }

    @Test
    void aLetterReadBackFromItsEnvelopeIsTheSameLetter() {
        Envelope published = letter().toEnvelope();
        assertThat(published.headers()).containsEntry(Headers.MESSAGE_ID, "dead:REQUIREMENTS:42:roy")
                .containsEntry(Headers.ORIGINAL_ID, "REQ-007:retry:1").containsEntry(Headers.DEAD_KIND, "max-deliveries")
                .containsEntry(Headers.LAST_ERROR, "failed: boom").containsEntry(Headers.SENDER, "drainer");
        DeadLetter read = DeadLetter.from("work.deadletter.roy", published);
        assertThat(read).isEqualTo(letter());
        assertThat(read.item()).as("the requirement, not the retry's message id").isEqualTo("REQ-007");
        assertThat(read.original()).isEqualTo(original);
    }

    @Test
    void aBareLetterFromAnotherToolGetsDefaults() {
        Envelope bare = Envelope.ofJson(Map.of("id", "REQ-9")).withHeader(Headers.DEAD_REASON, "poison: not a requirement");
        DeadLetter read = DeadLetter.from("work.deadletter.moss", bare);
        assertThat(read.agent()).isEqualTo("moss");
        assertThat(read.kind()).isEqualTo(DeadLetter.Kind.POISON);
        assertThat(read.lastError()).isEqualTo("poison: not a requirement");
        assertThat(read.subject()).isNull();
    }

    @Test
    void theEscalationNamesTheItemWhereWhyAndTheCommands() {
        assertThat(Escalation.text(letter())).isEqualTo("""
                DEAD LETTER REQ-007 (agent roy, subject work.requirements.backend, 3 deliveries)
                reason: out of deliveries
                last error: failed: boom
                reply: retry REQ-007 | skip REQ-007 | reassign REQ-007 to <agent>""");
        assertThat(Escalation.key(letter())).isEqualTo("escalation:dead:REQUIREMENTS:42:roy");
    }

    @Test
    void theIndexKeepsOneEntryPerItemAndCountsRepublishesAcrossLetters() {
        DeadLetterIndex index = new DeadLetterIndex(new InMemoryStateStore());
        assertThat(index.recordNew("work.deadletter.roy", "DEAD_LETTER", 1, letter())).isPresent();
        assertThat(index.recordNew("work.deadletter.roy", "DEAD_LETTER", 1, letter())).as("the same letter twice").isEmpty();
        assertThat(index.isEscalated(letter())).isFalse();
        index.markEscalated(letter());
        assertThat(index.isEscalated(letter())).isTrue();
        DeadLetterEntry entry = index.find("req-007").orElseThrow();
        assertThat(entry.letterSequence()).isEqualTo(1);
        assertThat(entry.lastError()).isEqualTo("failed: boom");
        index.decide(entry, DeadLetterEntry.Status.RETRIED, "retried", 1);
        assertThat(index.openOf("roy")).isEmpty();
        DeadLetter again = DeadLetter.of(original, "work.requirements.backend", "REQUIREMENTS", 50, 3, "roy",
                DeadLetter.Kind.MAX_DELIVERIES, "out of deliveries", "boom again");
        DeadLetterEntry reopened = index.recordNew("work.deadletter.roy", "DEAD_LETTER", 2, again).orElseThrow();
        assertThat(reopened.status()).isEqualTo(DeadLetterEntry.Status.OPEN);
        assertThat(reopened.republished()).isEqualTo(1);
        assertThat(index.openOf("roy")).singleElement().satisfies(e -> assertThat(e.lastError()).isEqualTo("boom again"));
    }

    @Test
    void theLedgerActsOncePerMessageAndRepeatsOnlyItsOwnReply() {
        CommandLedger ledger = new CommandLedger(new InMemoryStateStore());
        int[] runs = new int[1];
        assertThat(ledger.once("$1", "roy", () -> "done " + (++runs[0]))).contains("done 1");
        assertThat(ledger.once("$1", "roy", () -> "done " + (++runs[0]))).contains("done 1");
        assertThat(ledger.once("$1", "desk", () -> "done " + (++runs[0]))).isEmpty();
        assertThat(runs[0]).isEqualTo(1);
    }
}
