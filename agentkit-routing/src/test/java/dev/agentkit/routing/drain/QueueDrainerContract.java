package dev.agentkit.routing.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.routing.ChainRouter;
import dev.agentkit.routing.FileRouter;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.work.WorkHandler;
import dev.agentkit.routing.work.WorkLoop;
import dev.agentkit.routing.work.WorkReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drainer's behaviour on a broker, run against the in-memory broker
 * ({@code InMemoryQueueDrainerTest}) and, as an {@code *IT}, against a real nats-server through
 * {@code JetStreamBroker}. Each test provisions the workshop topology with agents roy (backend),
 * jen (frontend) and moss (infrastructure) and a dead-letter watcher; {@link #broker()} must
 * hold no streams from other tests (a fresh in-memory broker, or a fresh server per test).
 */
public abstract class QueueDrainerContract {
    protected final Topology topology = Topology.workshopDefault();
    protected final Router router = ChainRouter.of(
            TagRouter.builder().rule("api", "backend").rule("ui", "frontend").rule("deploy", "infrastructure").build(),
            FileRouter.builder().prefix("src/api", "backend").prefix("src/web", "frontend").build());

    protected static final Requirement LOGIN = new Requirement("REQ-001", "Add login endpoint",
            List.of("backend", "api"), List.of("src/api/login.py"));
    protected static final Requirement PROFILE = new Requirement("REQ-002", "Show the profile page",
            List.of(), List.of("src/web/Profile.tsx"));
    protected static final Requirement LOGOUT = new Requirement("REQ-003", "Add logout endpoint",
            List.of("api"), List.of());
    protected static final Requirement DOCS = new Requirement("REQ-004", "Write the user guide",
            List.of("docs"), List.of("docs/guide.md"));

    /** The broker under test, the same instance for the whole test. */
    protected abstract Broker broker();

    /** Lets {@code d} of broker time pass: advance a virtual clock, or wait on a real server. */
    protected abstract void elapse(Duration d);

    /** How long a fetch may wait for what is due now: zero in memory, about a second on a real server. */
    protected Duration fetchWait() {
        return Duration.ZERO;
    }

    @BeforeEach
    void provision() {
        broker().provision(topology, Map.of("roy", "backend", "jen", "frontend", "moss", "infrastructure"));
        broker().ensureConsumer(ConsumerSpec.of(Topology.DEAD_LETTER, "watcher"));
    }

    protected QueueDrainer.Builder drainer() {
        return QueueDrainer.builder(broker(), router).topology(topology);
    }

    protected ConsumerSpec work(String agent, String role) {
        return topology.consumersFor(agent, role).work();
    }

    /** Everything the consumer has now, acked, oldest first. */
    protected List<Envelope> takeAll(ConsumerSpec consumer) {
        List<Envelope> all = new ArrayList<>();
        while (true) {
            List<Delivery> batch = broker().fetch(ConsumerRef.of(consumer), 50, fetchWait());
            if (batch.isEmpty()) {
                return all;
            }
            batch.forEach(d -> {
                all.add(d.envelope());
                d.ack();
            });
        }
    }

    protected List<Envelope> deadLetters() {
        return takeAll(ConsumerSpec.of(Topology.DEAD_LETTER, "watcher"));
    }

    protected WorkLoop.Builder loop(WorkHandler handler) {
        return WorkLoop.builder(broker(), handler, topology.deadLetterSubject("roy")).fetchWait(fetchWait());
    }

    @Test
    void eachRequirementIsPublishedToItsRolesSubjectWithItsIdAsMessageId() {
        drainer().build().drain(List.of(LOGIN, PROFILE));

        List<Envelope> backend = takeAll(work("roy", "backend"));
        assertThat(backend).singleElement().satisfies(e -> {
            assertThat(e.header(Headers.MESSAGE_ID)).contains("REQ-001");
            JsonNode body = e.json();
            assertThat(body.path("id").asText()).isEqualTo("REQ-001");
            assertThat(body.path("statement").asText()).isEqualTo("Add login endpoint");
            assertThat(body.path("tags")).extracting(JsonNode::asText).containsExactly("backend", "api");
            assertThat(body.path("files")).extracting(JsonNode::asText).containsExactly("src/api/login.py");
            assertThat(e.header(QueueDrainer.ROUTING_REASON)).hasValueSatisfying(r -> assertThat(r).contains("#api"));
        });
        assertThat(takeAll(work("jen", "frontend"))).extracting(e -> e.id().orElseThrow()).containsExactly("REQ-002");
        assertThat(takeAll(work("moss", "infrastructure"))).isEmpty();
    }

    @Test
    void theReportSaysWhereEachRequirementWentAndWhy() {
        DrainReport report = drainer().build().drain(List.of(LOGIN, PROFILE, DOCS));

        assertThat(report.published()).extracting(Placement::id, Placement::role, Placement::subject).containsExactly(
                tuple("REQ-001", "backend", "work.requirements.backend"),
                tuple("REQ-002", "frontend", "work.requirements.frontend"));
        assertThat(report.published().get(1).reason()).contains("file src/web/Profile.tsx");
        assertThat(report.unroutable()).extracting(Placement::id).containsExactly("REQ-004");
        assertThat(report.complete()).isFalse();
        assertThat(report.summary()).startsWith("3 requirements: 2 published, 0 duplicates, 1 unroutable, 0 failed");
    }

    @Test
    void runningTwicePublishesNothingTwice() {
        QueueDrainer drainer = drainer().build();
        List<Requirement> roadmap = List.of(LOGIN, PROFILE, LOGOUT);

        DrainReport first = drainer.drain(roadmap);
        DrainReport second = drainer.drain(roadmap);

        assertThat(first.published()).hasSize(3);
        assertThat(second.published()).isEmpty();
        assertThat(second.duplicates()).extracting(Placement::id).containsExactly("REQ-001", "REQ-002", "REQ-003");
        assertThat(takeAll(work("roy", "backend"))).extracting(e -> e.id().orElseThrow())
                .containsExactly("REQ-001", "REQ-003");
        assertThat(takeAll(work("jen", "frontend"))).extracting(e -> e.id().orElseThrow()).containsExactly("REQ-002");
    }

    @Test
    void unroutableRequirementsAreOnlyReportedUnlessConfigured() {
        DrainReport report = drainer().build().drain(List.of(DOCS));

        assertThat(report.unroutable()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("no router could place it");
            assertThat(p.deadLettered()).isFalse();
            assertThat(p.subject()).isNull();
        });
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void unroutableRequirementsGoToTheDeadLettersOnceWithTheReason() {
        QueueDrainer drainer = drainer().deadLetterUnroutable(true).build();

        DrainReport first = drainer.drain(List.of(DOCS, LOGIN));
        drainer.drain(List.of(DOCS, LOGIN));

        assertThat(first.unroutable()).singleElement().satisfies(p -> {
            assertThat(p.deadLettered()).isTrue();
            assertThat(p.subject()).isEqualTo("work.deadletter.drainer");
        });
        assertThat(deadLetters()).singleElement().satisfies(e -> {
            assertThat(e.header(Headers.DEAD_REASON)).hasValueSatisfying(r -> assertThat(r).contains("unroutable"));
            assertThat(e.header(Headers.ORIGINAL_ID)).contains("REQ-004");
            assertThat(e.json().path("statement").asText()).isEqualTo("Write the user guide");
        });
    }

    @Test
    void theWorkLoopProcessesUntilTheQueueIsEmpty() {
        drainer().build().drain(List.of(LOGIN, LOGOUT));
        List<String> seen = new ArrayList<>();

        WorkReport result = loop(item -> {
            seen.add(item.json().path("id").asText());
            return Outcome.done();
        }).build().run(work("roy", "backend"), 10);

        assertThat(result.processed()).isEqualTo(2);
        assertThat(result.done()).isEqualTo(2);
        assertThat(result.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(seen).containsExactly("REQ-001", "REQ-003");
        assertThat(broker().status(ConsumerRef.of(work("roy", "backend"))).hasWork()).isFalse();
    }

    @Test
    void theWorkLoopStopsWhenTheBudgetIsSpentAndTheNextRunTakesTheRest() {
        drainer().build().drain(List.of(LOGIN, LOGOUT, new Requirement("REQ-005", "Add signup", List.of("api"), List.of())));
        WorkLoop loop = loop(item -> Outcome.done()).build();

        WorkReport first = loop.run(work("roy", "backend"), 2);
        WorkReport second = loop.run(work("roy", "backend"), 2);

        assertThat(first.processed()).isEqualTo(2);
        assertThat(first.stopReason()).isEqualTo(StopReason.MAX_ITEMS);
        assertThat(second.processed()).isEqualTo(1);
        assertThat(second.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
    }

    @Test
    void aRetriedItemComesBackAfterItsDelay() {
        drainer().build().drain(List.of(LOGIN));
        List<Integer> attempts = new ArrayList<>();
        WorkLoop loop = loop(item -> {
            attempts.add(item.deliveryCount());
            return item.deliveryCount() == 1 ? Outcome.retry(Duration.ofSeconds(2), "not yet") : Outcome.done();
        }).build();

        WorkReport first = loop.run(work("roy", "backend"), 10);
        elapse(Duration.ofSeconds(2));
        WorkReport second = loop.run(work("roy", "backend"), 10);

        assertThat(first.retried()).isEqualTo(1);
        assertThat(first.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(second.done()).isEqualTo(1);
        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void rejectedAndPoisonItemsAreDeadLetteredWithTheReason() {
        drainer().build().drain(List.of(LOGIN));
        broker().publish(topology.requirementSubject("backend"), Envelope.ofText("not json").withMessageId("bad-1"));

        WorkReport result = loop(item -> Outcome.reject("out of scope")).build().run(work("roy", "backend"), 10);

        assertThat(result.deadLettered()).isEqualTo(2);
        assertThat(deadLetters()).extracting(e -> e.header(Headers.DEAD_REASON).orElseThrow()).satisfiesExactly(
                r -> assertThat(r).isEqualTo("out of scope"),
                r -> assertThat(r).startsWith("poison: body is not JSON"));
        assertThat(loop(item -> Outcome.done()).build().run(work("roy", "backend"), 10).processed()).isZero();
    }

    @Test
    void aHandlerThatKeepsFailingIsDeadLetteredOnTheLastDelivery() {
        drainer().build().drain(List.of(LOGIN));

        WorkReport result = loop(item -> {
            throw new IllegalStateException("database down");
        }).failureDelay(Duration.ZERO).build().run(work("roy", "backend"), 10);

        assertThat(result.processed()).isEqualTo(3);
        assertThat(result.retried()).isEqualTo(2);
        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(deadLetters()).singleElement().satisfies(e -> {
            assertThat(e.header(Headers.DEAD_REASON)).hasValueSatisfying(r ->
                    assertThat(r).contains("out of deliveries (3 of 3)").contains("database down"));
            assertThat(e.header(Headers.DELIVERY_COUNT)).contains("3");
        });
    }
}
