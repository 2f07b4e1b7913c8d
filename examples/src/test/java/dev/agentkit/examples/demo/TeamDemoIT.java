package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Headers;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The team demo on a real nats-server and a real Synapse, started by the fixtures: the same
 * story as {@link TeamDemoTest}, in real time with three-second periods, asserted step by step.
 */
@ExtendWith(SynapseExtension.class)
class TeamDemoIT {
    private final NatsServerFixture nats = NatsServerFixture.start();

    @AfterEach
    void stopNats() {
        nats.close();
    }

    @Test
    void theWholeStoryHappensOnRealServers(SynapseServer synapse) throws Exception {
        for (String name : List.of("roy", "jen", "moss", TeamWorld.HUMAN)) {
            synapse.user(name);
        }
        DemoOptions options = new DemoOptions(5, Optional.of(nats.url()), Optional.of(synapse.baseUrl().toString()));
        TeamWorld world = DemoWorld.real(options, SynapseServer.SERVER_NAME,
                name -> Secret.of(synapse.user(name).password()), DemoOptions.REAL_PERIOD);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        StoryResult story = TeamDemo.run(world, options.periods(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertStory(story, printed.toString(StandardCharsets.UTF_8));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the demo printed ---\n" + printed, e);
        }
    }

    private static void assertStory(StoryResult story, String printed) {
        assertThat(story.drained().published()).hasSize(5);
        assertThat(story.integration()).extracting(e -> e.json().path("type").asText())
                .containsExactlyInAnyOrder("api_ready", "ui_ready", "infra_ready");
        assertThat(story.total("roy", TurnReport::directMessages)).as("jen's question reached roy").isEqualTo(1);
        assertThat(story.total("jen", TurnReport::directMessages)).as("roy's answer reached jen").isEqualTo(1);
        assertThat(story.deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.header(Headers.ORIGINAL_ID)).contains("REQ-004"));
        assertThat(story.rooms().get("backend"))
                .anySatisfy(l -> assertThat(l).contains("REQ-001 done: POST /api/login"))
                .anySatisfy(l -> assertThat(l).startsWith("douglas: roy: what have"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: finished so far: REQ-001"));
        assertThat(story.rooms().get("frontend")).anySatisfy(l -> assertThat(l).contains("builds against /api/login"));
        assertThat(story.rooms().get("alerts")).anySatisfy(l -> assertThat(l).contains("REQ-004"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: APPROVAL REQ-005"));
        assertThat(story.rooms().get("backend")).as("roy asks before the migration, douglas approves, roy runs it")
                .anySatisfy(l -> assertThat(l).startsWith("roy: APPROVAL REQ-005"))
                .anySatisfy(l -> assertThat(l).isEqualTo("douglas: approve REQ-005"))
                .anySatisfy(l -> assertThat(l).startsWith("roy: REQ-005 done: migration"));
        assertThat(printed).contains("nats-server at", "Matrix homeserver at");
    }
}
