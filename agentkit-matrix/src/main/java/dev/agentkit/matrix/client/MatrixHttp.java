package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange under {@link MatrixClient}: JSON in and out, the bearer token, timeouts on
 * every request, bounded {@code M_LIMIT_EXCEEDED} retries, one re-login on {@code M_UNKNOWN_TOKEN},
 * and error answers turned into {@link MatrixException}s with the token redacted.
 */
final class MatrixHttp {
    private static final Logger log = LoggerFactory.getLogger(MatrixHttp.class);
    static final String CLIENT_V3 = "/_matrix/client/v3";

    /** One request: what to call and how. {@code path} is already encoded; {@code body} may be null. */
    record Call(String method, String path, Map<String, String> query, Object body, boolean authenticated,
                Duration extraTimeout) {
        static Call of(String method, String path, Object body) {
            return new Call(method, path, Map.of(), body, true, Duration.ZERO);
        }

        Call withQuery(Map<String, String> q) {
            return new Call(method, path, q, body, authenticated, extraTimeout);
        }

        Call unauthenticated() {
            return new Call(method, path, query, body, false, extraTimeout);
        }

        Call waitingUpTo(Duration extra) {
            return new Call(method, path, query, body, authenticated, extra);
        }

        String describe() {
            return method + " " + path;
        }
    }

    private final MatrixClientConfig config;
    private final HttpClient http;
    private final RateLimitWait rateLimit;
    private volatile Secret token;
    private volatile Supplier<Secret> relogin;

    MatrixHttp(MatrixClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.rateLimit = new RateLimitWait(config);
    }

    /** Uses {@code t} from now on; {@code again} (may be null) logs in afresh when the server forgets it. */
    void authenticate(Secret t, Supplier<Secret> again) {
        this.token = t;
        this.relogin = again;
    }

    /** A path segment (room id, alias, user id) percent-encoded. */
    static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode call(Call call) {
        boolean renewed = false;
        int limited = 0;
        while (true) {
            HttpResponse<byte[]> response = send(call);
            int status = response.statusCode();
            log.debug("Matrix {} -> HTTP {}", call.describe(), status);
            if (status / 100 == 2) {
                return Json.tryRead(response.body()).orElseGet(() -> Json.mapper().createObjectNode());
            }
            JsonNode error = Json.tryRead(response.body()).orElseGet(() -> Json.mapper().createObjectNode());
            String errcode = error.path("errcode").isTextual() ? error.get("errcode").asText() : null;
            if (status == 429 || "M_LIMIT_EXCEEDED".equals(errcode)) {
                if (limited >= config.maxRateLimitRetries()) {
                    throw failure(call, status, errcode, "rate limit persisted through " + limited + " retries");
                }
                Duration wait = rateLimit.waitFor(error, response.headers(), limited++);
                if (wait.compareTo(config.maxRetryWait()) > 0) {
                    throw failure(call, status, errcode, "server asks to wait " + wait.toMillis()
                            + " ms, more than maxRetryWait " + config.maxRetryWait().toMillis() + " ms");
                }
                log.debug("Matrix {} rate-limited; retry {} in {} ms", call.describe(), limited, wait.toMillis());
                rateLimit.pause(wait, call.describe());
                continue;
            }
            Supplier<Secret> again = relogin;
            if (status == 401 && "M_UNKNOWN_TOKEN".equals(errcode) && call.authenticated() && !renewed
                    && again != null) {
                log.debug("Matrix {}: access token no longer valid; logging in again", call.describe());
                token = again.get();
                renewed = true;
                continue;
            }
            throw failure(call, status, errcode, error.path("error").asText(null));
        }
    }

    private MatrixException failure(Call call, int status, String errcode, String error) {
        return new MatrixException(call.describe(), status, errcode, redact(error));
    }

    private HttpResponse<byte[]> send(Call call) {
        Duration timeout = config.requestTimeout().plus(call.extraTimeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(call)).timeout(timeout)
                .header("Accept", "application/json");
        if (call.authenticated()) {
            Secret t = token;
            if (t == null) {
                throw new MatrixException(call.describe(), "the client is not logged in", null);
            }
            request.header("Authorization", "Bearer " + t.reveal());
        }
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(Json.write(call.body())));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new MatrixException(call.describe(), "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new MatrixException(call.describe(), "homeserver " + config.homeserver() + " unreachable ("
                    + e.getClass().getSimpleName() + redactedDetail(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixException(call.describe(), "interrupted", e);
        }
    }

    private String redactedDetail(IOException e) {
        return e.getMessage() == null ? "" : ": " + redact(e.getMessage());
    }

    private String redact(String text) {
        Secret t = token;
        return t == null ? text : t.redactFrom(text);
    }

    private URI uri(Call call) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        call.query().forEach((k, v) -> {
            if (v != null) {
                q.add(segment(k) + "=" + segment(v));
            }
        });
        String base = config.homeserver().toString().replaceAll("/+$", "");
        return URI.create(base + call.path() + q);
    }
}
