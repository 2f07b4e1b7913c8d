package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.MatrixException;
import dev.agentkit.matrix.client.RoomEvent;
import dev.agentkit.matrix.client.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Matrix event JSON as a homeserver (or something posing as one) might send it, through the path
 * that turns {@code /sync} and {@code /messages} answers into {@link ChatMessage}s: the client's
 * parse ({@code SyncResult}, {@code MessagesPage}, {@link RoomEvent}), {@link TimelineReader}
 * (backfill, de-duplication, order) and {@link Addressing}. Whatever the events are, the read
 * never throws, only text messages come out, and the well-formed messages beside a malformed
 * one are all read: a malformed event is skipped, never fatal. Whatever the whole answer is, the
 * read gives a result or a {@link MatrixException}. A loopback HTTP server plays the homeserver.
 */
class MatrixEventPropertyTest {
    private static final String ROOM = "!room:localhost";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final AtomicReference<String> SYNC = new AtomicReference<>("{}");
    private static final AtomicReference<String> PAGE = new AtomicReference<>("{}");
    private static HttpServer server;
    private static MatrixClient client;

    private final TimelineReader reader = new TimelineReader(50, Duration.ZERO);
    private final Addressing addressing = new Addressing("@roy:localhost", "roy", "Roy");

    @BeforeContainer
    static void homeserver() throws IOException {
        // without TCP_NODELAY every small answer waits out the peer's delayed ACK (~40 ms a request)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", MatrixEventPropertyTest::answer);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        client = MatrixClient.withAccessToken(MatrixClientConfig.builder(uri).requestTimeout(Duration.ofSeconds(10))
                .build(), Secret.of("token"));
    }

    @AfterContainer
    static void stop() {
        server.stop(0);
    }

    /** {@code /sync} gets the scripted answer; the first {@code /messages} the scripted page, later ones the end. */
    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String body = exchange.getRequestURI().getRawPath().endsWith("/sync") ? SYNC.get() : PAGE.getAndSet("{\"chunk\":[]}");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Property(tries = 1000)
    void malformedEventsAreSkippedAndTheWellFormedOnesRead(@ForAll("eventLists") List<JsonNode> timeline,
                                                          @ForAll("eventLists") List<JsonNode> history,
                                                          @ForAll boolean limited, @ForAll int goodAt) {
        ArrayNode events = JSON.arrayNode().addAll(timeline);
        events.insert(Math.floorMod(goodAt, events.size() + 1), good("$live", 2_000));
        ArrayNode chunk = JSON.arrayNode().addAll(history);
        chunk.insert(Math.floorMod(goodAt, chunk.size() + 1), good("$older", 1_000));
        ObjectNode sync = JSON.objectNode().put("next_batch", "s2");
        ObjectNode t = sync.putObject("rooms").putObject("join").putObject(ROOM).putObject("timeline");
        t.set("events", events);
        t.put("limited", limited).put("prev_batch", "p1");
        SYNC.set(sync.toString());
        PAGE.set(JSON.objectNode().put("start", "p1").put("end", "p0").set("chunk", chunk).toString());

        List<ChatMessage> read = judge(reader.read(client, "s1", Set.of(ROOM)));

        assertThat(read).extracting(ChatMessage::id).contains("$live");
        if (limited) {
            assertThat(read).extracting(ChatMessage::id).contains("$older");
        }
    }

    @Property(tries = 1000)
    void anyAnswerGivesARead(@ForAll("documents") JsonNode answer, @ForAll boolean initial) {
        SYNC.set(answer.toString());
        PAGE.set(answer.toString());
        try {
            judge(reader.read(client, initial ? null : "s1", Set.of(ROOM)));
        } catch (MatrixException e) {
            assertThat(e).hasMessageNotContaining("token");
        }
    }

    /** What {@code MatrixChatPort} makes of each event read, with the agent's addressing. */
    private List<ChatMessage> judge(TimelineReader.Read read) {
        assertThat(read.events()).allSatisfy(l -> {
            assertThat(l.event().isMessage()).isTrue();
            assertThat(l.event().eventId()).as("a message without an event id is malformed").isNotBlank();
            assertThat(l.event().sender()).as("a message without a sender is malformed").isNotBlank();
        });
        return read.events().stream().map(l -> {
            RoomEvent e = l.event();
            ChatMessage m = new ChatMessage(e.eventId(), l.roomId(), e.sender(), e.body(), e.sentAt(),
                    !e.sender().equals("@jen:localhost"), addressing.addressedBy(e), false);
            m.textWithoutAddress("roy");
            return m;
        }).toList();
    }

    private static ObjectNode good(String id, long ts) {
        ObjectNode e = JSON.objectNode().put("event_id", id).put("type", "m.room.message")
                .put("sender", "@douglas:localhost").put("origin_server_ts", ts);
        e.putObject("content").put("msgtype", "m.text").put("body", "roy: status");
        return e;
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<JsonNode>> eventLists() {
        return Arbitraries.frequencyOf(Tuple.of(3, event()), Tuple.of(1, json(2)))
                .list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        Arbitrary<JsonNode> syncLike = eventLists().map(evs -> {
            ObjectNode sync = JSON.objectNode();
            sync.putObject("rooms").putObject("join").putObject(ROOM).putObject("timeline")
                    .put("limited", true).put("prev_batch", "p1").set("events", JSON.arrayNode().addAll(evs));
            return sync;
        });
        return Arbitraries.oneOf(json(4), syncLike, json(1).map(j -> {
            ObjectNode sync = JSON.objectNode();
            sync.set("next_batch", j);
            sync.putObject("rooms").set("join", j);
            return sync;
        }));
    }

    /** An event with each field present or not, well-typed or anything. */
    private static Arbitrary<JsonNode> event() {
        Arbitrary<JsonNode> content = Arbitraries.oneOf(json(2), Combinators.combine(
                field(text()), field(Arbitraries.of("m.text", "m.notice", "m.image").map(MatrixEventPropertyTest::txt)),
                field(mentions()), field(text())).as((body, type, mentions, html) -> {
                    ObjectNode c = JSON.objectNode();
                    put(c, "body", body);
                    put(c, "msgtype", type);
                    put(c, "m.mentions", mentions);
                    put(c, "formatted_body", html);
                    return c;
                }));
        Arbitrary<JsonNode> ts = Arbitraries.oneOf(Arbitraries.longs().map(n -> (JsonNode) JSON.numberNode(n)),
                Arbitraries.<JsonNode>of(JSON.numberNode(1e300), JSON.numberNode(-1.5), JSON.textNode("12"), JSON.nullNode(),
                        JSON.numberNode(new java.math.BigInteger("9".repeat(40))), JSON.numberNode(Long.MIN_VALUE)));
        return Combinators.combine(field(Arbitraries.oneOf(text(), json(1))),
                field(Arbitraries.oneOf(Arbitraries.of("m.room.message", "m.room.member", "m.reaction", "")
                        .map(MatrixEventPropertyTest::txt), json(1))),
                field(Arbitraries.oneOf(Arbitraries.of("@roy:localhost", "@jen:localhost", "@x:y", "").map(MatrixEventPropertyTest::txt),
                        json(1))),
                field(ts), field(content)).as((id, type, sender, time, c) -> {
                    ObjectNode e = JSON.objectNode();
                    put(e, "event_id", id);
                    put(e, "type", type);
                    put(e, "sender", sender);
                    put(e, "origin_server_ts", time);
                    put(e, "content", c);
                    return e;
                });
    }

    private static Arbitrary<JsonNode> mentions() {
        return Arbitraries.oneOf(json(2), Arbitraries.of("@roy:localhost", "@jen:localhost", "").map(MatrixEventPropertyTest::txt)
                .list().ofMaxSize(3).map(ids -> {
                    ObjectNode m = JSON.objectNode();
                    m.putArray("user_ids").addAll(ids);
                    return m;
                }));
    }

    /** Present (the value) or absent (null), a third of the time absent. */
    private static Arbitrary<JsonNode> field(Arbitrary<JsonNode> value) {
        return value.injectNull(0.3);
    }

    private static JsonNode txt(String s) {
        return JSON.textNode(s);
    }

    private static void put(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }

    private static Arbitrary<JsonNode> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("roy: status", "@roy help", "Roy, retry REQ-1", "<a href=\"https://matrix.to/#/@roy:localhost\">roy</a>",
                        "$dup", "")).map(MatrixEventPropertyTest::txt);
    }

    /** Any JSON value, nested up to {@code depth}. */
    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(MatrixEventPropertyTest::txt),
                Arbitraries.longs().map(n -> (JsonNode) JSON.numberNode(n)),
                Arbitraries.doubles().map(n -> (JsonNode) JSON.numberNode(n)),
                Arbitraries.<JsonNode>of(JSON.nullNode(), JSON.booleanNode(true), JSON.booleanNode(false)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("event_id", "type", "sender", "origin_server_ts",
                "content", "body", "m.mentions", "user_ids", "formatted_body", "rooms", "join", "timeline", "events",
                "chunk", "limited", "prev_batch", "next_batch", "end"), Arbitraries.strings().all().ofMaxLength(8));
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(4).map(l -> JSON.arrayNode().addAll(l));
        Arbitrary<JsonNode> object = Arbitraries.maps(key, json(depth - 1)).ofMaxSize(4).map(m -> {
            ObjectNode o = JSON.objectNode();
            m.forEach(o::set);
            return o;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }
}
