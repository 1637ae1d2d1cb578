package dev.rehearsal.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server speaking Ollama's /api/chat (non-streaming): it answers each job by the JSON
 * Schema the client sent in {@code format} — a persona reply, a message analysis, recommendations or a
 * reply reading (always {@code interested}, which the code rules would not read in "What does it cost?").
 */
public final class OllamaStub implements AutoCloseable {
    public static final String RECOMMENDATION = "Replace the bit.ly link with a branded one.";
    private final HttpServer server;
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    public OllamaStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/chat", ex -> {
            JsonNode body = Json.mapper().readTree(ex.getRequestBody());
            requests.add(body);
            JsonNode props = body.path("format").path("properties");
            Object content;
            if (props.has("spam_risk")) {
                content = Map.of("spam_risk", 82, "reasons", List.of("all caps", "url shortener"), "tone", "aggressive",
                        "clarity", 40, "suggestions", List.of("Drop the capitals and use your own domain."));
            } else if (props.has("opt_out")) {
                content = Map.of("reasoning", "wants to go ahead", "intent", "interested", "sentiment", "positive", "opt_out", false);
            } else if (props.has("items")) {
                content = Map.of("items", List.of("Add a STOP check after the first wait.", "Move the 22:30 text to 10:00.",
                        RECOMMENDATION));
            } else {
                content = Map.of("reasoning", "wants the price", "response", "What does it cost?", "reply_when", "now",
                        "sentiment", "neutral", "intent", "price_objection", "likely_to_convert", 30, "actions", List.of("replied"));
            }
            String answer = Json.write(Map.of("model", body.path("model").asText(), "created_at", "2026-11-25T08:00:00Z",
                    "message", Map.of("role", "assistant", "content", Json.write(content)), "done", true,
                    "done_reason", "stop", "prompt_eval_count", 300, "eval_count", 40));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
