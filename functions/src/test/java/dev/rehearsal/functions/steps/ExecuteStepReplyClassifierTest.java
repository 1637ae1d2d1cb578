package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.llm.LlmJobsFactory;
import dev.rehearsal.store.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In AWS, a workflow's {@code settings.reply_classifier} decides who reads its replies: ExecuteStep on
 * dynalite, with the function's LLM jobs built by {@link LlmJobsFactory} against a loopback Ollama server
 * that plays the lead and, on a separate call, classifies the lead's reply.
 */
class ExecuteStepReplyClassifierTest {
    static final String ACCOUNT = "acme";
    final StepFixture f = new StepFixture();
    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer ollama;

    @BeforeEach
    void start() throws Exception {
        ollama = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ollama.createContext("/api/chat", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            // The classifier's prompt is its own job; everything else is the persona's.
            Map<String, Object> answer = body.contains("You triage replies")
                    ? Map.of("reasoning", "asks about cost", "intent", "price_objection", "sentiment", "neutral", "opt_out", false)
                    : Map.of("reasoning", "keen", "response", "Sounds great, see you there", "reply_when", "now",
                    "sentiment", "positive", "intent", "ready_to_buy", "likely_to_convert", 80, "actions", List.of("replied"));
            byte[] out = Json.write(Map.of("model", "gpt-oss:20b", "message", Map.of("role", "assistant", "content", Json.write(answer)),
                    "done", true, "prompt_eval_count", 500, "eval_count", 40)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        ollama.start();
    }

    @AfterEach
    void stop() {
        ollama.stop(0);
    }

    StepServices services() {
        var llm = LlmJobsFactory.fromEnvironment(Map.of("PROVIDER", "ollama", "PROVIDER_MODEL", "gpt-oss:20b",
                "PROVIDER_BASE_URL", "http://127.0.0.1:" + ollama.getAddress().getPort(), "PROVIDER_MAX_ATTEMPTS", "1"),
                f.store.replayCache(), name -> null);
        return new StepServices(f.store, f.services.responder(), 4, llm);
    }

    /** The first step (intro_sms) of the example, with the workflow's reply_classifier set or not. */
    JsonNode firstStepReading(String replyClassifier) throws Exception {
        ObjectNode wf = (ObjectNode) Json.mapper().readTree(StepFixture.exampleWorkflow());
        if (replyClassifier != null) ((ObjectNode) wf.get("settings")).put("reply_classifier", replyClassifier);
        RunRecord run = f.run(ACCOUNT, Json.write(wf), "sms-lead-followup", List.of("eager-eddie"), 7);
        StepServices s = services();
        ObjectNode in = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId())
                .put("personaId", "eager-eddie");
        new ExecuteStep(s).handle(new InitSimulation(s).handle(in));
        String doc = f.store.runs().interactions(ACCOUNT, run.runId(), null, 10, null).items().get(0).document();
        return Json.mapper().readTree(doc).get("reading");
    }

    @Test
    void aWorkflowThatAsksForTheLlmClassifierHasItsRepliesReadByASeparateCall() throws Exception {
        JsonNode reading = firstStepReading("llm");
        assertEquals("llm:ollama:gpt-oss:20b", reading.get("classifier").asText());
        assertEquals("price_objection", reading.get("intent").asText(), "the classifier's reading, not the lead's own label");
        assertEquals(2, requests.size(), "one call for the lead, one for the classifier");
        String classify = requests.get(1);
        assertTrue(classify.contains("Sounds great, see you there"), classify);
        assertFalse(classify.contains("Eager Eddie") || classify.contains("Summit Fitness"),
                "the classifier sees the reply text only: " + classify);
    }

    @Test
    void withoutTheSettingTheRulesReadTheReply() throws Exception {
        JsonNode reading = firstStepReading(null);
        assertEquals("rules", reading.get("classifier").asText());
        assertEquals(1, requests.size(), "no classification call");
    }
}
