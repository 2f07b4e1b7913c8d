package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.TurnReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartDemoTest {
    @Test
    void theDemoFinishesThreeRequirementsRetriesTheFlakyOneAndDeadLettersTheMalformedOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TurnReport> reports = QuickstartDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(reports.get(0).done()).isEqualTo(2);
        assertThat(reports.get(0).retried()).isEqualTo(1);
        assertThat(reports.get(0).deadLettered()).isEqualTo(1);
        assertThat(reports.get(1).done()).isEqualTo(1);
        assertThat(reports.get(2).idle()).isTrue();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("REQ-002").contains("a requirement needs a title");
    }
}
