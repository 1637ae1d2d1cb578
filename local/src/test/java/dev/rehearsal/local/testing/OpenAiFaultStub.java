package dev.rehearsal.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking OpenAI's Chat Completions API (POST /v1/chat/completions) that fails a
 * set share of calls with OpenAI's own 500 error body. Which calls fail is fixed by a counter (every
 * call whose number, times the share, crosses a whole number), so a run is repeatable.
 */
public final class OpenAiFaultStub implements AutoCloseable {
    private final HttpServer server;
    private final double faultShare;
    private final long delayMs;
    public final AtomicInteger calls = new AtomicInteger(), faults = new AtomicInteger();

    public OpenAiFaultStub(double faultShare) {
        this(faultShare, 0);
    }

    /** Every answer takes {@code delayMs}, as a model's would; requests are served concurrently. */
    public OpenAiFaultStub(double faultShare, long delayMs) {
        this.faultShare = faultShare;
        this.delayMs = delayMs;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        JsonNode body = Json.mapper().readTree(ex.getRequestBody());
        int n = calls.incrementAndGet();
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Math.floor(n * faultShare) > Math.floor((n - 1) * faultShare)) {
            faults.incrementAndGet();
            send(ex, 500, Json.write(Map.of("error", Map.of("message",
                    "The server had an error while processing your request. Sorry about that!", "type", "server_error"))));
            return;
        }
        JsonNode props = body.path("response_format").path("json_schema").path("schema").path("properties");
        Object content;
        if (props.has("spam_risk")) {
            content = Map.of("spam_risk", 10, "reasons", List.of(), "tone", "friendly", "clarity", 80, "suggestions", List.of());
        } else if (props.has("items")) {
            content = Map.of("items", List.of("Keep the opt-out line in every text."));
        } else {
            content = Map.of("reasoning", "asks what it costs", "response", "What does it cost?", "sentiment", "neutral",
                    "intent", "price_objection", "likely_to_convert", 30, "actions", List.of("replied"),
                    "reply_latency_minutes", 20);
        }
        send(ex, 200, Json.write(Map.of("id", "chatcmpl-" + n, "object", "chat.completion", "created", 1764300000,
                "model", body.path("model").asText(), "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", Json.write(content)))),
                "usage", Map.of("prompt_tokens", 300, "completion_tokens", 40, "total_tokens", 340))));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
