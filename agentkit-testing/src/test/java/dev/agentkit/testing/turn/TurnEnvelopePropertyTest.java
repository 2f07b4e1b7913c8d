package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Hostile envelopes through an agent's turns: bodies of random bytes, JSON and not, small and up
 * to the 1 MiB max payload; random header names and values (unicode, control characters, very
 * long); message ids empty, huge or odd; subjects anywhere under the agent's work filter; and a
 * {@code processWork} that returns or throws anything. Whatever comes:
 * <ul>
 *   <li>{@code runTurn()} returns a report, and the agent's state is saved by every turn;</li>
 *   <li>every delivery a turn pulls is settled once, acked, nak'ed (delayed) or terminated with a
 *       dead letter, unless {@code processWork} threw a transient broker failure, which leaves it
 *       (and the rest of its batch) for redelivery, as documented;</li>
 *   <li>turns later, every item has ended acked or dead-lettered: none pending, none lost by
 *       running out of deliveries unsettled, none announced twice.</li>
 * </ul>
 */
class TurnEnvelopePropertyTest {
    private static final int MIB = 1024 * 1024;
    private static final int MAX_TURNS = 12;
    private static Level coreLevel;

    /** What {@code processWork} does on one delivery. */
    enum Act { DONE, ANNOUNCE, READ_JSON, RETRY, BLOCKED, REJECT, THROW, THROW_CHECKED, POISON, NULL,
        BROKER_PERMANENT, BROKER_TRANSIENT, QUOTA }

    /** The kinds of bodies. */
    enum Kind { EMPTY, BYTES, TEXT, JSON_OBJECT, JSON_SCALAR, JSON_TRAILING, JSON_DEEP, JSON_BIG_NUMBER,
        JSON_ODD_ID, BAD_UTF8 }

    /** A body, made from a seed so a 1 MiB one costs a seed and a size to generate and shrink. */
    record Body(Kind kind, int size, long seed, String id) {
        byte[] bytes() {
            Random r = new Random(seed);
            return switch (kind) {
                case EMPTY -> new byte[0];
                case BYTES -> {
                    byte[] b = new byte[size];
                    r.nextBytes(b);
                    yield b;
                }
                case TEXT -> text(r, size).getBytes(StandardCharsets.UTF_8);
                case JSON_OBJECT -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (id != null) {
                        m.put("id", id);
                    }
                    m.put("title", text(r, 12));
                    m.put("pad", "x".repeat(Math.max(0, size - 64 - (id == null ? 0 : id.length() * 6))));
                    yield Json.write(m);
                }
                case JSON_SCALAR -> List.of("42", "\"text\"", "null", "true", "[1,2,3]", "{}", "[]", "-0.5e10", " {} ")
                        .get(r.nextInt(9)).getBytes(StandardCharsets.UTF_8);
                case JSON_TRAILING -> ("{\"id\":\"t\"}" + List.of(" x", "{}", "]", "\u0000").get(r.nextInt(4)))
                        .getBytes(StandardCharsets.UTF_8);
                case JSON_DEEP -> ("[".repeat(1 + size % 3000) + "]".repeat(1 + size % 3000))
                        .getBytes(StandardCharsets.UTF_8);
                case JSON_BIG_NUMBER -> ("{\"id\":\"n\",\"n\":1" + "0".repeat(size % 5000) + "}")
                        .getBytes(StandardCharsets.UTF_8);
                case JSON_ODD_ID -> List.of("{\"id\":{\"x\":1},\"requirement\":[1]}", "{\"id\":\"a\",\"id\":\"b\"}",
                        "{\"id\":12.5e300}", "{\"id\":\"\"}", "{\"id\":null,\"requirement\":\" \"}").get(r.nextInt(5))
                        .getBytes(StandardCharsets.UTF_8);
                case BAD_UTF8 -> new byte[]{'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
            };
        }

        private static String text(Random r, int length) {
            StringBuilder b = new StringBuilder(length);
            while (b.length() < length) {
                b.appendCodePoint(r.nextInt(8) == 0 ? r.nextInt(0x2FFFF) : 32 + r.nextInt(95));
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return kind + "(" + size + " bytes, seed " + seed + (id == null ? "" : ", id " + preview(id)) + ")";
        }
    }

    /** One message to publish and what {@code processWork} does on each of its deliveries. */
    record Item(String subject, Body body, Map<String, String> headers, List<Act> acts) {
        Envelope envelope() {
            return Envelope.of(body.bytes(), headers);
        }

        Act act(int deliveryCount) {
            return acts.get(Math.min(deliveryCount, acts.size()) - 1);
        }

        @Override
        public String toString() {
            return "Item[" + subject + " " + body + " headers " + headers.entrySet().stream()
                    .map(e -> preview(e.getKey()) + "=" + preview(e.getValue())).toList() + " acts " + acts + "]";
        }
    }

    /** Every hostile item makes a WARN line or more; 1,000 tries of them would flood the build's output. */
    @BeforeContainer
    static void quietTurns() {
        Logger core = (Logger) LoggerFactory.getLogger("dev.agentkit.core");
        coreLevel = core.getLevel();
        core.setLevel(Level.ERROR);
    }

    @AfterContainer
    static void loudAgain() {
        ((Logger) LoggerFactory.getLogger("dev.agentkit.core")).setLevel(coreLevel);
    }

    @Property(tries = 1000)
    void everyItemEndsAckedDelayedOrDeadLetteredAndTheStateIsSaved(@ForAll("items") List<Item> items,
                                                                 @ForAll("batch") int fetchBatch) {
        try (AgentTestKit kit = AgentTestKit.create()) {
            kit.provision("roy", "backend");
            ConsumerRef work = ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work());
            RecordingBroker broker = new RecordingBroker(kit.broker(), work);
            AgentRuntime r = kit.runtime();
            AgentRuntime.Builder b = AgentRuntime.builder(broker).chat(r.chat()).clock(r.clock())
                    .processedStore(r.processed()).stateStore(r.state()).lease(r.lease()).topology(r.topology())
                    .team(r.team()).control(r.control());
            r.listeners().forEach(b::listener);
            AgentRuntime runtime = b.build();
            AgentConfig.Builder config = AgentConfig.builder("roy").role("backend").room("backend")
                    .brokerRetry(Duration.ZERO);
            if (fetchBatch > 1) {
                config.budget(TurnBudget.items(50)).fetchBatch(fetchBatch);
            }
            ScriptedAgent roy = new ScriptedAgent(config.build(), runtime);

            Map<Long, Item> bySequence = new HashMap<>();
            for (Item item : items) {
                publish(kit, item).filter(p -> !p.duplicate()).ifPresent(p -> bySequence.put(p.sequence(), item));
            }
            Map<Long, Integer> announced = new HashMap<>();
            roy.work = (self, wi) -> act(kit, broker, bySequence, self, wi, announced);

            for (int turn = 1; turn <= MAX_TURNS && !allSettled(kit, work); turn++) {
                int from = broker.handed.size();
                TurnReport report = roy.runTurn();
                assertThat(report).isNotNull();
                assertThat(report.turnId()).isEqualTo("roy-" + turn);
                String count = Integer.toString(turn);
                assertThat(kit.stateStore().get("agent.roy")).as("state saved by turn %s", count)
                        .hasValueSatisfying(json -> assertThat(Json.read(json, JsonNode.class).path("internal").path("turn.count")
                                .asText()).isEqualTo(count));   // agentkit's own section of the state
                checkSettled(kit, bySequence, broker.handed.subList(from, broker.handed.size()));
                kit.advance(Duration.ofHours(1));
            }

            ConsumerStatus status = kit.broker().status(work);
            assertThat(status.pending()).as("nothing left undelivered").isZero();
            assertThat(status.ackPending()).as("nothing left pending").isZero();
            assertThat(kit.broker().exhaustedDeliveries()).as("nothing lost unsettled").isEmpty();
            Map<Long, String> last = new HashMap<>();
            broker.handed.forEach(h -> {
                if (h.settled != null) {
                    last.put(h.delivery.streamSequence(), h.settled);
                }
            });
            assertThat(last.values()).as("every item ended acked or dead-lettered").allMatch(s -> !s.equals("nak"));
            assertThat(broker.handed.stream().filter(h -> "ack".equals(h.settled))
                    .collect(Collectors.groupingBy(h -> h.delivery.streamSequence(), Collectors.counting())))
                    .as("acked at most once").allSatisfy((seq, n) -> assertThat(n).isEqualTo(1L));
            assertThat(announcementsPerItem(kit)).as("announced at most once").allSatisfy((seq, n) ->
                    assertThat(n).isEqualTo(1L));
        }
    }

    /**
     * Publishes the item as the kit does; a message near or over the max payload (body and headers)
     * may be refused at publish, as the server refuses it, and is then not an item of the test.
     */
    private static Optional<PublishResult> publish(AgentTestKit kit, Item item) {
        Envelope e = item.envelope();
        long size = e.size() + e.headers().entrySet().stream()
                .mapToLong(h -> (h.getKey() + h.getValue()).getBytes(StandardCharsets.UTF_8).length + 4).sum();
        try {
            return Optional.of(kit.publish(item.subject(), e));
        } catch (BrokerException | IllegalArgumentException refused) {
            if (size < MIB / 2) {
                throw refused;
            }
            return Optional.empty();
        }
    }

    private static Outcome act(AgentTestKit kit, RecordingBroker broker, Map<Long, Item> bySequence,
                               ScriptedAgent self, WorkItem wi, Map<Long, Integer> announced) throws Exception {
        long sequence = broker.handed.stream().filter(h -> h.delivery.envelope() == wi.envelope())
                .reduce((a, b) -> b).map(h -> h.delivery.streamSequence()).orElse(-1L);
        Item item = bySequence.get(sequence);
        Act act = item == null ? Act.DONE : item.act(wi.deliveryCount());
        return switch (act) {
            case DONE -> Outcome.done();
            case ANNOUNCE -> {
                self.announceFromWork("built", Map.of("sequence", sequence, "id", wi.id()));
                yield Outcome.done();
            }
            case READ_JSON -> {
                wi.json().path("title").asText();
                wi.bodyAs(Map.class);
                yield Outcome.done();
            }
            case RETRY -> Outcome.retry(Duration.ofMinutes(1), "later: " + wi.id());
            case BLOCKED -> Outcome.blocked("waiting for " + wi.id());
            case REJECT -> Outcome.reject("no: " + wi.id());
            case THROW -> throw new IllegalStateException("boom\non " + wi.id());
            case THROW_CHECKED -> throw new IOException("disk\r\nfull");
            case POISON -> throw new PoisonMessageException("unreadable " + wi.id());
            case NULL -> null;
            case BROKER_PERMANENT -> throw new BrokerException("refused", false);
            case BROKER_TRANSIENT -> throw new BrokerException("lost the server", true);
            case QUOTA -> throw new QuotaExceededException(kit.clock().now().plus(Duration.ofMinutes(10)), "quota");
        };
    }

    /** Every delivery of this turn settled once, or left for redelivery after a transient broker failure. */
    private static void checkSettled(AgentTestKit kit, Map<Long, Item> bySequence, List<RecordingBroker.Handed> turn) {
        int excusedBatch = -1;
        for (RecordingBroker.Handed h : turn) {
            assertThat(h.settlements).as("%s settled at most once", h.delivery).isLessThanOrEqualTo(1);
            Item item = bySequence.get(h.delivery.streamSequence());
            boolean transientFailure = item != null && item.act(h.delivery.deliveryCount()) == Act.BROKER_TRANSIENT
                    && h.delivery.envelope().isJson();
            if (transientFailure) {
                // the turn stops pulling: the rest of the batch is left for redelivery (on its last
                // delivery the item itself was requeued with a fresh delivery budget and acked)
                excusedBatch = h.batch;
            }
            if (h.settled == null) {
                assertThat(transientFailure || h.batch == excusedBatch)
                        .as("%s was left unsettled", h.delivery).isTrue();
                excusedBatch = h.batch;
            } else if (h.settled.equals("term")) {
                String sequence = Long.toString(h.delivery.streamSequence());
                assertThat(kit.deadLetters("roy")).as("a dead letter for %s", h.delivery)
                        .anyMatch(e -> sequence.equals(e.header(Headers.ORIGINAL_SEQUENCE).orElse(null)));
            }
        }
    }

    private static boolean allSettled(AgentTestKit kit, ConsumerRef work) {
        ConsumerStatus s = kit.broker().status(work);
        return s.pending() == 0 && s.ackPending() == 0;
    }

    private static Map<Long, Long> announcementsPerItem(AgentTestKit kit) {
        return kit.published("work.integration.built").stream()
                .collect(Collectors.groupingBy(e -> e.json().path("sequence").asLong(), Collectors.counting()));
    }

    private static String preview(String s) {
        String shown = s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
        return shown.codePoints().mapToObj(c -> c < 32 || c == 127 ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))).collect(Collectors.joining());
    }

    // ---- generators ----

    @Provide
    Arbitrary<Integer> batch() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.integers().between(2, 8)));
    }

    @Provide
    Arbitrary<List<Item>> items() {
        return item().list().ofMaxSize(6);
    }

    private Arbitrary<Item> item() {
        Arbitrary<Map<String, String>> headers = Combinators.combine(
                        Arbitraries.maps(headerName(), headerValue()).ofMaxSize(3), id().injectNull(0.4))
                .as((h, id) -> {
                    Map<String, String> m = new LinkedHashMap<>(h);
                    if (id != null) {
                        m.put(Headers.MESSAGE_ID, id);
                    }
                    return m;
                });
        Arbitrary<List<Act>> acts = Arbitraries.of(Act.class).list().ofMinSize(1).ofMaxSize(3); // the last act repeats up to the last delivery
        return Combinators.combine(subject(), body(), headers, acts).as(Item::new);
    }

    private Arbitrary<String> subject() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '-', '$', '~', '#', 'é', '中', '😀')
                .ofMinLength(1).ofMaxLength(12);
        return token.list().ofMaxSize(3)
                .map(tokens -> "work.requirements.backend" + tokens.stream().map(t -> "." + t).collect(Collectors.joining()));
    }

    private Arbitrary<Body> body() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.integers().between(0, 200)),
                Tuple.of(15, Arbitraries.integers().between(200, 20_000)),
                Tuple.of(4, Arbitraries.integers().between(20_000, 256 * 1024)),
                Tuple.of(1, Arbitraries.integers().between(256 * 1024, MIB - 4096)));
        return Combinators.combine(Arbitraries.of(Kind.class), size, Arbitraries.longs(), id().injectNull(0.3))
                .as(Body::new);
    }

    private Arbitrary<String> id() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "REQ-001", "../../etc/passwd", "a/b\\c:d*e>f", "id with spaces", "\u0000",
                        "😀", "con", ".", "work.requirements.backend", "%00%2F"),
                Arbitraries.strings().all().ofMaxLength(20),
                longString(300, 5_000));
    }

    private Arbitrary<String> headerName() {
        return Arbitraries.oneOf(
                Arbitraries.of(Headers.MESSAGE_ID, Headers.SENDER, Headers.TYPE, Headers.CORRELATION_ID,
                        Headers.REPLY_TO, Headers.ORIGINAL_ID, Headers.DEAD_REASON, Headers.TIME, "X-Trace"),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank()));
    }

    private Arbitrary<String> headerValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
                longString(1_000, 20_000));
    }

    private static Arbitrary<String> longString(int min, int max) {
        return Combinators.combine(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8),
                Arbitraries.integers().between(min, max)).as((f, n) -> f.repeat(n / f.length() + 1).substring(0, n));
    }
}
