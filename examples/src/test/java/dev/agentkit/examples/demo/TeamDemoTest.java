package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Headers;
import dev.agentkit.core.turn.TurnReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's story, asserted: every step the README promises happens, on the embedded world. */
class TeamDemoTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private StoryResult runDemo() throws Exception {
        return TeamDemo.run(DemoWorld.embedded(), 5, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void theWholeStoryHappens() throws Exception {
        StoryResult story = runDemo();

        assertThat(story.drained().published()).hasSize(5);
        assertThat(story.integration()).extracting(e -> e.json().path("type").asText())
                .containsExactlyInAnyOrder("api_ready", "ui_ready", "infra_ready");
        assertThat(story.rooms().get("backend")).anySatisfy(l -> assertThat(l).contains("REQ-001 done: POST /api/login"));
        assertThat(story.total("jen", TurnReport::directMessages)).as("roy's answer reached jen").isEqualTo(1);
        assertThat(story.total("roy", TurnReport::directMessages)).as("jen's question reached roy").isEqualTo(1);
        assertThat(story.rooms().get("frontend")).anySatisfy(l -> assertThat(l).contains("builds against /api/login"));
        assertThat(story.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.header(Headers.ORIGINAL_ID)).contains("REQ-004");
            assertThat(d.header(Headers.DELIVERY_COUNT)).contains("3");
        });
        assertThat(story.rooms().get("alerts")).filteredOn(l -> l.contains("DEAD LETTER")).singleElement().asString()
                .contains("REQ-004");
        assertThat(story.rooms().get("backend")).as("roy asks before the migration, douglas approves, roy runs it")
                .anySatisfy(l -> assertThat(l).startsWith("roy: APPROVAL REQ-005").contains("approve REQ-005"))
                .anySatisfy(l -> assertThat(l).isEqualTo("douglas: approve REQ-005"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: approved REQ-005"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: REQ-005 done: migration").endsWith("approved by @douglas:localhost"));
        assertThat(story.rooms().get("alerts")).anySatisfy(l -> assertThat(l).startsWith("roy: APPROVAL REQ-005"));
        assertThat(story.rooms().get("backend")).anySatisfy(l -> assertThat(l).startsWith("douglas: roy: what have"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: finished so far: REQ-001"));
        assertThat(story.total("roy", TurnReport::done) + story.total("jen", TurnReport::done)
                + story.total("moss", TurnReport::done)).isEqualTo(4);
    }

    @Test
    void thePrintedLogShowsEveryStep() throws Exception {
        runDemo();
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("REQ-001 PUBLISHED -> backend", "api_ready", "REQ-002: Login form for /api/login",
                "REQ-004 from roy after 3 deliveries", "APPROVAL REQ-005", "approve REQ-005", "REQ-005 done: migration",
                "finished so far", "| roy   |");
    }
}
