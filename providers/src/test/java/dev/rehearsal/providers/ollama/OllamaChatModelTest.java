package dev.rehearsal.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.providers.Fixtures;
import dev.rehearsal.providers.StubServer;
import dev.rehearsal.providers.core.JobSchema;
import dev.rehearsal.providers.core.RetryingChatModel;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class OllamaChatModelTest {
    StubServer server;
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    UsageMeter meter = new UsageMeter();

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LlmPersonaResponder responder(int attempts, Duration timeout) {
        OllamaChatModel model = new OllamaChatModel(server.baseUrl() + "/", "gpt-oss:20b", "ollama-secret-token-123", timeout);
        return new LlmPersonaResponder(new StructuredCaller(new RetryingChatModel(model, Fixtures.policy(attempts, sleeper))),
                new PersonaPromptBuilder(), meter);
    }

    public static String ok(String content) {
        return Json.write(Map.of("model", "gpt-oss:20b", "created_at", "2025-11-25T08:00:00Z",
                "message", Map.of("role", "assistant", "content", content), "done", true, "done_reason", "stop",
                "total_duration", 123456, "prompt_eval_count", 812, "eval_count", 64));
    }

    @Test
    void sendsSchemaFormatMultiTurnMessagesAndBearerToken() {
        server.then(200, ok(Fixtures.VALID_REPLY));
        PersonaReply reply = responder(3, Duration.ofSeconds(5)).respond(Fixtures.request());

        StubServer.Received req = server.last();
        assertEquals("POST", req.method());
        assertEquals("/api/chat", req.path());
        assertEquals("Bearer ollama-secret-token-123", req.header("Authorization"));
        JsonNode body = req.json();
        assertEquals("gpt-oss:20b", body.get("model").asText());
        assertFalse(body.get("stream").asBoolean());
        assertEquals(JobSchema.PERSONA_REPLY.wireSchema(), body.get("format"));
        JsonNode messages = body.get("messages");
        assertEquals(List.of("system", "user", "assistant", "user", "system"),
                List.of(messages.get(0).get("role").asText(), messages.get(1).get("role").asText(),
                        messages.get(2).get("role").asText(), messages.get(3).get("role").asText(),
                        messages.get(4).get("role").asText()));
        String system = messages.get(0).get("content").asText();
        assertTrue(system.contains("## Who you are\nSkeptical Sarah."));
        assertTrue(system.contains("The business: Helix Analytics (saas)."), system);
        assertTrue(system.contains("the business contacted you; you did not start this conversation"));
        assertTrue(system.contains("company: Northwind Media") && system.contains("timezone: America/New_York"));
        assertEquals("⟦your reply · sms · Wed 1969-12-31 19:01⟧\nWhat does it cost?", messages.get(2).get("content").asText());
        // The ignored email and the new SMS are one user turn: roles must alternate.
        String turn = messages.get(3).get("content").asText();
        assertTrue(turn.contains("⟦message 2 · email · reached you Wed 1969-12-31 19:02⟧\nSubject: Pricing\nPlans start at $49/month.\n⟦/message 2⟧"), turn);
        assertTrue(turn.contains("⟦you · no reply before the next message⟧"), turn);
        assertTrue(turn.endsWith("⟦message 3 · sms · reached you Wed 1969-12-31 19:03⟧\nWant to book a 15-minute call?\n⟦/message 3⟧"), turn);
        // The code-built state line, in the system position after the conversation.
        assertEquals("⟦state⟧ Now: Wed 1969-12-31 19:03 (America/New_York). Message 3 just reached you. So far you have "
                + "received 3 messages and replied 1 time.", messages.get(4).get("content").asText());
        assertEquals(42, body.get("options").get("seed").asLong());

        assertEquals("How does it compare to HubSpot?", reply.response());
        assertEquals(Intent.QUESTION, reply.intent());
        assertTrue(reply.has(Action.REPLIED));
        assertEquals(240, reply.replyLatencyMinutes());
        assertEquals(812, reply.usage().inputTokens());
        assertEquals(64, reply.usage().outputTokens());
        assertEquals(1, reply.usage().calls());
        assertNull(reply.providerError());
        assertEquals(reply.usage(), meter.total());
    }

    @Test
    void repairsAnInvalidAnswerOnceWithTheValidationErrors() {
        server.then(200, ok(Fixtures.INVALID_REPLY)).then(200, ok(Fixtures.VALID_REPLY));
        PersonaReply reply = responder(3, Duration.ofSeconds(5)).respond(Fixtures.request());

        assertNull(reply.providerError());
        assertEquals(2, server.received().size());
        JsonNode repair = server.last().json().get("messages");
        JsonNode echoed = repair.get(repair.size() - 3);
        assertEquals("assistant", echoed.get("role").asText());
        assertEquals(Fixtures.INVALID_REPLY, echoed.get("content").asText());
        assertEquals("system", repair.get(repair.size() - 1).get("role").asText(), "the state line stays last");
        String errors = repair.get(repair.size() - 2).get("content").asText();
        assertTrue(errors.contains("/intent"), errors);
        assertTrue(errors.contains("/likely_to_convert"), errors);
        assertTrue(errors.contains("reply_when"), errors);
        assertEquals(2, reply.usage().calls());
        assertEquals(1624, reply.usage().inputTokens());
    }

    @Test
    void recordsAProviderErrorWhenTheRepairIsInvalidToo() {
        server.then(200, ok("Sure! I'd love a call.")).then(200, ok("{\"response\": \"yes\"}"));
        PersonaReply reply = responder(3, Duration.ofSeconds(5)).respond(Fixtures.request());

        assertFalse(reply.replied());
        assertTrue(reply.providerError().startsWith("ollama gpt-oss:20b: answer invalid for persona_reply"), reply.providerError());
        assertEquals(2, reply.usage().calls());
    }

    @Test
    void retriesThrottlingHonouringRetryAfterThenSucceeds() {
        server.then(429, Map.of("Retry-After", "2"), "{\"error\":\"too many requests\"}")
                .then(503, "{\"error\":\"model is loading\"}")
                .then(200, ok(Fixtures.VALID_REPLY));
        PersonaReply reply = responder(4, Duration.ofSeconds(5)).respond(Fixtures.request());

        assertNull(reply.providerError());
        assertEquals(3, server.received().size());
        assertEquals(Duration.ofSeconds(2), sleeper.slept.get(0));
        long second = sleeper.slept.get(1).toMillis();
        assertTrue(second >= 100 && second <= 200, "jittered backoff in [base, 2*base]: " + second);
    }

    @Test
    void stopsRetryingAfterMaxAttemptsAndNamesProviderModelAndStatus() {
        for (int i = 0; i < 5; i++) server.then(500, "{\"error\":\"internal error\"}");
        PersonaReply reply = responder(3, Duration.ofSeconds(5)).respond(Fixtures.request());

        assertEquals(3, server.received().size());
        assertEquals(2, sleeper.slept.size());
        assertEquals("ollama gpt-oss:20b: HTTP 500: internal error (after 3 attempts)", reply.providerError());
    }

    @Test
    void doesNotRetryClientErrorsAndNeverLeaksTheToken() {
        server.then(401, "{\"error\":\"unauthorized: token ollama-secret-token-123 is invalid\"}");
        PersonaReply reply = responder(3, Duration.ofSeconds(5)).respond(Fixtures.request());

        assertEquals(1, server.received().size());
        assertTrue(sleeper.slept.isEmpty());
        assertTrue(reply.providerError().startsWith("ollama gpt-oss:20b: HTTP 401"), reply.providerError());
        assertFalse(reply.providerError().contains("ollama-secret-token-123"), reply.providerError());
    }

    @Test
    void aTimedOutCallIsRetried() {
        // Generous margins: on a loaded CI machine a fast answer can take a few hundred milliseconds.
        server.thenSlowly(6000, 200, ok(Fixtures.VALID_REPLY)).then(200, ok(Fixtures.VALID_REPLY));
        PersonaReply reply = responder(3, Duration.ofMillis(1500)).respond(Fixtures.request());

        assertNull(reply.providerError());
        assertEquals(1, sleeper.slept.size());
        assertEquals(1, reply.usage().calls());
    }

    @Test
    void timeoutsStopAfterMaxAttempts() {
        server.thenSlowly(1000, 200, ok(Fixtures.VALID_REPLY)).thenSlowly(1000, 200, ok(Fixtures.VALID_REPLY));
        PersonaReply reply = responder(2, Duration.ofMillis(200)).respond(Fixtures.request());

        assertTrue(reply.providerError().startsWith("ollama gpt-oss:20b: no response: timeout"), reply.providerError());
        assertTrue(reply.providerError().endsWith("(after 2 attempts)"), reply.providerError());
    }
}
