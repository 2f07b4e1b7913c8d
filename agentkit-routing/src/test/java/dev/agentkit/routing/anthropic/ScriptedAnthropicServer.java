package dev.agentkit.routing.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the Messages API on 127.0.0.1: answers {@code POST /v1/messages} with the
 * scripted responses in order and records each request. A "stalled" response holds its answer
 * until {@link #close()}, so a client timeout can be hit.
 */
final class ScriptedAnthropicServer implements AutoCloseable {

    /** One scripted answer. */
    record Reply(int status, String body, Map<String, String> headers, boolean stall) {
        static Reply ok(String text) {
            return new Reply(200, """
                    {"id":"msg_01","type":"message","role":"assistant","model":"claude-test",
                     "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn",
                     "usage":{"input_tokens":10,"output_tokens":1}}""".formatted(text), Map.of(), false);
        }

        static Reply error(int status, String type, String message) {
            return new Reply(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\""
                    + message + "\"}}", Map.of("request-id", "req_" + status), false);
        }

        static Reply stalled() {
            return new Reply(200, "{}", Map.of(), true);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, stall);
        }
    }

    /** One recorded request. */
    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    ScriptedAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized ScriptedAnthropicServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (this) {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            reply = script.isEmpty() ? Reply.error(500, "api_error", "script exhausted") : script.poll();
        }
        if (reply.stall()) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout); nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
