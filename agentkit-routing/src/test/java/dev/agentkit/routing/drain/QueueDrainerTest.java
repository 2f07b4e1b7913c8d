package dev.agentkit.routing.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.roadmap.RoadmapSource;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.chat.InMemoryChat;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the drainer does apart from the broker's guarantees: alerts, stores, failures. In memory only. */
class QueueDrainerTest {
    private static final Requirement LOGIN = new Requirement("REQ-001", "Add login", List.of("api"), List.of());
    private static final Requirement DOCS = new Requirement("REQ-004", "Write the guide", List.of("docs"), List.of());

    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final Topology topology = Topology.workshopDefault();
    private final Router byTag = TagRouter.builder().rule("api", "backend").build();
    private final InMemoryChat chat = new InMemoryChat(clock);

    @BeforeEach
    void provision() {
        broker.provision(topology, Map.of("roy", "backend"));
    }

    @Test
    void unroutableRequirementsAreAlertedOnceAcrossRuns() {
        QueueDrainer drainer = QueueDrainer.builder(broker, byTag).alertUnroutable(chat.portFor("drainer")).build();

        DrainReport first = drainer.drain(List.of(DOCS, LOGIN));
        drainer.drain(List.of(DOCS, LOGIN));

        assertThat(first.unroutable()).singleElement().satisfies(p -> assertThat(p.alerted()).isTrue());
        assertThat(chat.texts("alerts")).singleElement().asString()
                .contains("REQ-004").contains("could not be routed").contains("Write the guide");
    }

    @Test
    void anUnroutableRequirementIsDeadLetteredAsATurnDeadLettersIndexedAndEscalatedOnce() {
        InMemoryStateStore state = new InMemoryStateStore();
        QueueDrainer drainer = QueueDrainer.builder(broker, byTag).deadLetterUnroutable(true)
                .alertUnroutable(chat.portFor("drainer")).stateStore(state).clock(clock).build();

        DrainReport first = drainer.drain(List.of(DOCS));
        drainer.drain(List.of(DOCS));

        assertThat(first.unroutable()).singleElement().satisfies(p -> assertThat(p.alerted()).isTrue());
        assertThat(broker.messages(Topology.DEAD_LETTER)).singleElement().satisfies(e -> {
            assertThat(e.header(Headers.DEAD_KIND)).contains("unroutable");
            assertThat(e.header(Headers.LAST_ERROR)).contains("no router could place it");
            assertThat(e.header(Headers.DEAD_AGENT)).contains("drainer");
            assertThat(e.header(Headers.ORIGINAL_ID)).contains("REQ-004");
        });
        assertThat(new DeadLetterIndex(state, clock).find("REQ-004")).hasValueSatisfying(entry ->
                assertThat(entry.kind()).isEqualTo(DeadLetter.Kind.UNROUTABLE));
        assertThat(chat.texts("alerts")).singleElement().asString().startsWith("DEAD LETTER REQ-004 (agent drainer");
    }

    @Test
    void aChatFailureIsReportedAndTheDrainGoesOn() {
        chat.down(true);
        QueueDrainer drainer = QueueDrainer.builder(broker, byTag).alertUnroutable(chat.portFor("drainer"))
                .deadLetterUnroutable(true).build();

        DrainReport report = drainer.drain(List.of(DOCS, LOGIN));

        assertThat(report.unroutable()).singleElement().satisfies(p -> {
            assertThat(p.alerted()).isFalse();
            assertThat(p.deadLettered()).isTrue();
        });
        assertThat(report.published()).extracting(Placement::id).containsExactly("REQ-001");
    }

    @Test
    void aDecisionWithAnInvalidRoleIsUnroutableNotPublished() {
        Router sloppy = r -> Optional.of(new RoutingDecision("Back End", "model said so"));

        DrainReport report = QueueDrainer.builder(broker, sloppy).build().drain(List.of(LOGIN));

        assertThat(report.unroutable()).singleElement().satisfies(p ->
                assertThat(p.reason()).contains("'Back End'").contains("not a valid role name").contains("model said so"));
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void aRouterThatThrowsMakesTheRequirementUnroutable() {
        Router broken = r -> {
            throw new IllegalStateException("rules file missing");
        };

        DrainReport report = QueueDrainer.builder(broker, broken).build().drain(List.of(LOGIN));

        assertThat(report.unroutable()).singleElement().satisfies(p -> assertThat(p.reason()).contains("rules file missing"));
    }

    @Test
    void aPublishedStoreRemembersBeyondTheDuplicateWindowAndSparesRouting() {
        AtomicInteger routed = new AtomicInteger();
        Router counting = r -> {
            routed.incrementAndGet();
            return byTag.route(r);
        };
        QueueDrainer drainer = QueueDrainer.builder(broker, counting).publishedStore(new InMemoryProcessedStore()).build();

        drainer.drain(List.of(LOGIN));
        clock.advance(Duration.ofHours(1));
        DrainReport again = drainer.drain(List.of(LOGIN));

        assertThat(again.duplicates()).singleElement().satisfies(p -> assertThat(p.reason()).contains("store"));
        assertThat(routed).hasValue(1);
        assertThat(broker.published()).hasSize(1);
    }

    @Test
    void withoutAStoreTheBrokersWindowIsAllThatPreventsARepublish() {
        QueueDrainer drainer = QueueDrainer.builder(broker, byTag).build();

        drainer.drain(List.of(LOGIN));
        clock.advance(Duration.ofMinutes(1));
        assertThat(drainer.drain(List.of(LOGIN)).duplicates()).hasSize(1);
        clock.advance(Duration.ofHours(1));
        assertThat(drainer.drain(List.of(LOGIN)).published()).hasSize(1);
    }

    @Test
    void aFailedPublishIsReportedAndTheRestArePublished() {
        Router backendOrFrontend = r -> Optional.of(new RoutingDecision(r.id().equals("REQ-001") ? "backend" : "frontend", "test"));
        InMemoryBroker partial = new InMemoryBroker(clock);
        partial.ensureStream(StreamSpec.of("ONLY_BACKEND", "work.requirements.backend"));

        DrainReport report = QueueDrainer.builder(partial, backendOrFrontend).build().drain(List.of(DOCS, LOGIN));

        assertThat(report.failed()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("REQ-004");
            assertThat(p.reason()).contains("publish failed").contains("work.requirements.frontend");
        });
        assertThat(report.published()).extracting(Placement::id).containsExactly("REQ-001");
        assertThat(report.complete()).isFalse();
    }

    @Test
    void aRoadmapIsDrainedByItsPendingRequirements() {
        RoadmapSource roadmap = RoadmapSource.ofText("ROADMAP.md", """
                # Roadmap
                - [x] REQ-000: Done already #api
                - [ ] REQ-001: Add login #api
                """);

        DrainReport report = QueueDrainer.builder(broker, byTag).build().drain(roadmap);

        assertThat(report.placements()).extracting(Placement::id).containsExactly("REQ-001");
        assertThat(report.complete()).isTrue();
    }

    @Test
    void theDrainersNameSetsItsDeadLetterSubject() {
        QueueDrainer drainer = QueueDrainer.builder(broker, byTag).name("roadmap-feeder").deadLetterUnroutable(true).build();

        assertThat(drainer.drain(List.of(DOCS)).unroutable().get(0).subject()).isEqualTo("work.deadletter.roadmap-feeder");
    }

    @Test
    void reasonsAreMadeSafeForHeadersAndIdsThatCannotBeMessageIdsFail() {
        Router chatty = r -> Optional.of(new RoutingDecision("backend", "model answered \u201cbackend\u201d\nconfidently"));
        Requirement odd = new Requirement("REQ-\u00e9t\u00e9", "Summer work", List.of(), List.of());

        DrainReport report = QueueDrainer.builder(broker, chatty).build().drain(List.of(LOGIN, odd));

        assertThat(broker.published()).singleElement().satisfies(p -> assertThat(p.envelope()
                .header(QueueDrainer.ROUTING_REASON)).contains("model answered ?backend? confidently"));
        assertThat(report.failed()).singleElement().satisfies(p -> assertThat(p.reason()).contains("printable ASCII"));
    }
}
