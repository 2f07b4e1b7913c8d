package dev.agentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The commands that publish outside a runtime ({@code pub}, {@code ask}, {@code drain}, the
 * oversight commands) trace like {@code up} and {@code turn}: with the standard {@code OTEL_*}
 * variables asking for an OTLP exporter (here a stand-in receiver on a free port), each message
 * they publish carries a W3C {@code traceparent} on a real nats-server, and the trace it names is
 * exported before the command exits; with no {@code OTEL_*} variable they work as before and add
 * no trace header. The steps share one server and one team, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTraceIT {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private static NatsServerFixture server;
    private static Connection nats;
    private static Path team;
    private static OtlpReceiver otlp;

    @BeforeAll
    static void start() throws Exception {
        server = NatsServerFixture.startWith();
        nats = Nats.connect(server.url());
        team = TeamDirs.init("ackWait: 30s", "ackWait: 2s");
        otlp = OtlpReceiver.start();
        CliRun.in(team, server.url(), "provision").ok();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (otlp != null) {
            otlp.close();
        }
        if (nats != null) {
            nats.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The variables that make the SDK export traces over OTLP/HTTP to the receiver. */
    private static Map<String, String> exporting() {
        return Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.url(), "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");
    }

    @Test
    @Order(1)
    void aRetryFromTheShellCarriesATraceparent() throws Exception {
        CliRun.in(team, server.url(), "pub", "backend", "{\"id\":\"REQ-109\"}").ok();
        // Roy's turn, untraced, takes what is queued and dead-letters REQ-109 (it has no title)
        assertThat(CliRun.in(team, server.url(), "turn", "roy", "--json").ok().json().path("deadLettered").asInt())
                .isEqualTo(1);

        CliRun.in(team, server.url(), exporting(), "retry", "REQ-109").ok();

        assertTracedAndExported(last("REQUIREMENTS", "work.requirements.backend"), "REQ-109");
    }

    @Test
    @Order(2)
    void pubWithoutOtelVariablesWorksAndAddsNoTraceHeader() throws Exception {
        int exported = otlp.traces().size();
        CliRun.in(team, server.url(), "pub", "backend", "{\"id\":\"REQ-101\",\"title\":\"Untraced\"}").ok();

        MessageInfo m = last("REQUIREMENTS", "work.requirements.backend");
        assertThat(new String(m.getData())).contains("REQ-101");
        assertThat(m.getHeaders().get("traceparent")).isNull();
        assertThat(otlp.traces()).hasSize(exported);
    }

    @Test
    @Order(3)
    void pubCarriesATraceparentAndExportsItsTraceBeforeItExits() throws Exception {
        CliRun.in(team, server.url(), exporting(), "pub", "backend", "{\"id\":\"REQ-102\",\"title\":\"Traced\"}").ok();

        assertTracedAndExported(last("REQUIREMENTS", "work.requirements.backend"), "REQ-102");
    }

    @Test
    @Order(4)
    void askCarriesATraceparent() throws Exception {
        CliRun.in(team, server.url(), exporting(), "ask", "roy", "What is left?").ok();

        assertTracedAndExported(last("DIRECT", "work.direct.roy"), "What is left?");
    }

    @Test
    @Order(5)
    void drainedRequirementsCarryATraceparent() throws Exception {
        JsonNode placements = CliRun.in(team, server.url(), exporting(), "drain", "--json").ok().json()
                .path("placements");
        assertThat(placements).isNotEmpty();
        for (JsonNode p : placements) {
            if (p.path("status").asText().equals("PUBLISHED")) {
                MessageInfo m = last("REQUIREMENTS", p.path("subject").asText());
                assertTracedAndExported(m, "");
            }
        }
    }

    private static MessageInfo last(String stream, String subject) throws Exception {
        return nats.jetStreamManagement().getLastMessage(stream, subject);
    }

    /** {@code m} (whose body contains {@code body}) names a trace, and the receiver got that trace's spans. */
    private static void assertTracedAndExported(MessageInfo m, String body) {
        assertThat(new String(m.getData())).contains(body);
        String traceparent = m.getHeaders() == null ? null : m.getHeaders().getFirst("traceparent");
        assertThat(traceparent).as("traceparent of %s", m.getSubject()).isNotNull().matches(TRACEPARENT);
        Matcher match = TRACEPARENT.matcher(traceparent);
        assertThat(match.matches()).isTrue();
        byte[] traceId = HexFormat.of().parseHex(match.group(1));
        // the command closed its telemetry before it returned, which flushes the batch of spans
        assertThat(otlp.traces()).as("an OTLP export naming trace %s", match.group(1))
                .anyMatch(export -> contains(export, traceId));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A stand-in OTLP/HTTP collector: keeps the body of every {@code POST /v1/traces}, answers 200. */
    private static final class OtlpReceiver implements AutoCloseable {
        private final HttpServer http;
        private final List<byte[]> traces = new CopyOnWriteArrayList<>();

        private OtlpReceiver(HttpServer http) {
            this.http = http;
        }

        static OtlpReceiver start() throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver r = new OtlpReceiver(http);
            http.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readAllBytes();
                    if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                        r.traces.add(body);
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            http.start();
            return r;
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        List<byte[]> traces() {
            return List.copyOf(traces);
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
