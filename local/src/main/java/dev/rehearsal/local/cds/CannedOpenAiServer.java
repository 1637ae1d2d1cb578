package dev.rehearsal.local.cds;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A loopback server speaking OpenAI's Chat Completions API (POST /v1/chat/completions) with one canned, well-formed
 * answer per job (persona reply, message analysis, recommendations), chosen by the JSON schema the request asks
 * for. It lets {@link CdsTraining} exercise the LLM path without a network or a key, and it is the happy path
 * of the test suite's fault-injecting stub.
 */
public final class CannedOpenAiServer implements AutoCloseable {
    private final HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public CannedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            JsonNode body = Json.mapper().readTree(ex.getRequestBody());
            calls.incrementAndGet();
            send(ex, 200, completion(body, "chatcmpl-canned"));
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "canned-openai");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** A chat.completion answering {@code request}: its content matches the requested response schema. */
    public static String completion(JsonNode request, String id) {
        JsonNode props = request.path("response_format").path("json_schema").path("schema").path("properties");
        Object content;
        if (props.has("spam_risk")) {
            content = Map.of("spam_risk", 10, "reasons", List.of(), "tone", "friendly", "clarity", 80, "suggestions", List.of());
        } else if (props.has("items")) {
            content = Map.of("items", List.of("Keep the opt-out line in every text."));
        } else {
            content = Map.of("reasoning", "asks what it costs", "response", "What does it cost?", "sentiment", "neutral",
                    "intent", "price_objection", "likely_to_convert", 30, "actions", List.of("replied"),
                    "reply_when", "now");
        }
        return completion(request, id, content);
    }

    /** A chat.completion answering {@code request} whose message content is {@code content} as JSON text. */
    public static String completion(JsonNode request, String id, Object content) {
        return Json.write(Map.of("id", id, "object", "chat.completion", "created", 1764300000,
                "model", request.path("model").asText(), "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", Json.write(content)))),
                "usage", Map.of("prompt_tokens", 300, "completion_tokens", 40, "total_tokens", 340)));
    }

    public static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** Chat completions answered so far. */
    public int calls() {
        return calls.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
