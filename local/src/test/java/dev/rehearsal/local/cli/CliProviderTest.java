package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `rehearse test --provider ollama` against a loopback server speaking Ollama's /api/chat: persona
 * replies, message analyses and recommendations all flow into the report.
 */
class CliProviderTest {
    HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", ex -> {
            JsonNode body = Json.mapper().readTree(ex.getRequestBody());
            requests.add(body);
            var props = body.path("format").path("properties");
            Object content;
            if (props.has("spam_risk")) {
                content = Map.of("spam_risk", 82, "reasons", List.of("all caps", "url shortener"), "tone", "aggressive",
                        "clarity", 40, "suggestions", List.of("Drop the capitals and use your own domain."));
            } else if (props.has("items")) {
                content = Map.of("items", List.of("Add a STOP check after the first wait.", "Move the 22:30 text to 10:00.",
                        "Replace the bit.ly link with a branded one."));
            } else {
                content = Map.of("response", "What does it cost?", "reasoning", "wants the price", "sentiment", "neutral",
                        "intent", "price_objection", "likely_to_convert", 30, "actions", List.of("replied"),
                        "reply_latency_minutes", 20);
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

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void llmRepliesAnalysesAndRecommendationsReachTheReport() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("test", CliTest.examples().resolve("broken-blast.workflow.json").toString(),
                "--personas", "price-conscious-pam", "--format", "json", "--provider", "ollama", "--model", "llama3.2",
                "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--replay", "off");
        assertEquals(1, code, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        assertTrue(report.at("/run/responder").asText().contains("llama3.2"), report.at("/run").toString());
        JsonNode first = report.at("/personas/0/transcript/0/reply");
        assertEquals("price_objection", first.get("intent").asText());
        assertEquals("What does it cost?", first.get("response").asText());
        assertEquals(4, report.get("message_analyses").size(), "one analysis per message step, the orphan included");
        boolean aggressive = false;
        for (JsonNode i : report.get("issues")) aggressive |= i.get("type").asText().equals("tone_issue");
        assertTrue(aggressive, "the analyst's 'aggressive' tone becomes a finding by code");
        assertTrue(report.get("recommendations").toString().contains("Replace the bit.ly link with a branded one."));
        assertTrue(report.at("/usage/calls").asLong() >= 5, report.get("usage").toString());
        assertTrue(err.toString().contains("LLM usage:"), err.toString());
        assertTrue(requests.stream().allMatch(r -> r.path("stream").isBoolean() && !r.get("stream").asBoolean()));
    }

    @Test
    void offlineNeedsNoKeyAndCallsNoServer() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("test", CliTest.examples().resolve("sms-lead-followup.suite.json").toString(), "--format", "json");
        assertEquals(0, code, err.toString());
        assertTrue(requests.isEmpty());
        assertFalse(out.toString().contains("message_analyses"));
    }
}
