package dev.rehearsal.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.providers.Fixtures;
import dev.rehearsal.providers.StubServer;
import dev.rehearsal.providers.core.RetryingChatModel;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.prompt.PersonaCard;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class BedrockChatModelTest {
    static final String MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    StubServer server;
    BedrockRuntimeClient client;
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    LlmPersonaResponder responder;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        client = BedrockClients.create("us-east-1", URI.create(server.baseUrl()), Duration.ofSeconds(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST", "test-secret")));
        responder = new LlmPersonaResponder(new StructuredCaller(new RetryingChatModel(new BedrockChatModel(client, MODEL),
                Fixtures.policy(3, sleeper))), new PersonaPromptBuilder(), new UsageMeter());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    public static String converse(String text, int input, int output, int cacheRead, int cacheWrite) {
        return Json.write(Map.of(
                "output", Map.of("message", Map.of("role", "assistant", "content", List.of(Map.of("text", text)))),
                "stopReason", "end_turn",
                "usage", Map.of("inputTokens", input, "outputTokens", output,
                        "totalTokens", input + output + cacheRead + cacheWrite,
                        "cacheReadInputTokens", cacheRead, "cacheWriteInputTokens", cacheWrite),
                "metrics", Map.of("latencyMs", 412)));
    }

    static Map<String, String> error(String type) {
        return Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/",
                "x-amzn-RequestId", "5f1c0e4e-test");
    }

    @Test
    void sendsConverseWithCachedSystemPrefixAndRealTurns() {
        server.then(200, converse("```json\n" + Fixtures.VALID_REPLY + "\n```", 180, 70, 950, 0));
        PersonaReply reply = responder.respond(Fixtures.request());

        StubServer.Received req = server.last();
        assertEquals("POST", req.method());
        assertEquals("/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse", req.path());
        assertTrue(req.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST/"));
        JsonNode body = req.json();
        JsonNode system = body.get("system");
        assertEquals(3, system.size(), "static system prefix only: the state line must not sit before the conversation");
        assertEquals(PersonaCard.systemPrompt(Fixtures.sarah(), Fixtures.SITUATION), system.get(0).get("text").asText(),
                "the same persona prompt as every other provider gets");
        assertTrue(system.get(1).get("text").asText().contains("\"likely_to_convert\""), "schema is in the cached prefix");
        assertEquals("default", system.get(2).get("cachePoint").get("type").asText());
        JsonNode messages = body.get("messages");
        assertEquals(List.of("user", "assistant", "user"), List.of(messages.get(0).get("role").asText(),
                messages.get(1).get("role").asText(), messages.get(2).get("role").asText()));
        assertEquals("⟦your reply · sms · Wed 1969-12-31 19:01⟧\nWhat does it cost?",
                messages.get(1).get("content").get(0).get("text").asText());
        JsonNode last = messages.get(2).get("content");
        assertTrue(last.get(0).get("text").asText().startsWith("⟦message 2 · email · reached you Wed 1969-12-31 19:02⟧\nSubject: Pricing"));
        int n = last.size();
        assertTrue(last.get(n - 3).get("text").asText().contains("Want to book a 15-minute call?\n⟦/message 3⟧"));
        assertEquals("default", last.get(n - 2).get("cachePoint").get("type").asText(),
                "the whole conversation is a cacheable prefix, up to the state line");
        assertTrue(last.get(n - 1).get("text").asText().startsWith("⟦state⟧ Now: Wed 1969-12-31 19:03 (America/New_York)."),
                "the state line: its own labelled block after the conversation's cache point, not part of a message");
        for (int i = 0; i < n - 2; i++) assertFalse(last.get(i).has("cachePoint") || last.get(i).path("text").asText().contains("⟦state⟧"));
        assertEquals(500, body.get("inferenceConfig").get("maxTokens").asInt());

        assertNull(reply.providerError());
        assertEquals("How does it compare to HubSpot?", reply.response());
        assertEquals(180 + 950, reply.usage().inputTokens(), "input counts cache reads too");
        assertEquals(950, reply.usage().cachedInputTokens());
        assertEquals(70, reply.usage().outputTokens());
    }

    @Test
    void paddingWithNeutralChannelRulesSitsBeforeTheSystemCachePoint() {
        LlmPersonaResponder haiku = new LlmPersonaResponder(new StructuredCaller(new RetryingChatModel(
                new BedrockChatModel(client, MODEL), Fixtures.policy(3, sleeper))),
                PersonaPromptBuilder.withPrefixTarget(4096), new UsageMeter());
        server.then(200, converse(Fixtures.VALID_REPLY, 180, 70, 0, 4300));
        haiku.respond(Fixtures.request());

        JsonNode system = server.last().json().get("system");
        String card = system.get(0).get("text").asText();
        assertTrue(card.startsWith(PersonaCard.systemPrompt(Fixtures.sarah(), Fixtures.SITUATION)), "padding only appends");
        assertTrue(card.contains("Timing. People read texts"), "neutral channel rules in the system prompt");
        assertFalse(card.contains("Example"), "no calibration examples");
        assertEquals("default", system.get(2).get("cachePoint").get("type").asText(), "cache point right after the system prompt");
    }

    @Test
    void cacheWritesAreCounted() {
        server.then(200, converse(Fixtures.VALID_REPLY, 180, 70, 0, 950));
        PersonaReply reply = responder.respond(Fixtures.request());
        assertEquals(950, reply.usage().cacheWriteTokens());
        assertEquals(1130, reply.usage().inputTokens());
    }

    @Test
    void retriesThrottlingExceptionThenSucceeds() {
        server.then(429, error("ThrottlingException"), "{\"message\":\"Too many requests, please wait before trying again.\"}")
                .then(503, error("ServiceUnavailableException"), "{\"message\":\"Bedrock is unable to process your request.\"}")
                .then(200, converse(Fixtures.VALID_REPLY, 180, 70, 950, 0));
        PersonaReply reply = responder.respond(Fixtures.request());

        assertNull(reply.providerError());
        assertEquals(3, server.received().size(), "our retry only: the SDK's own retries are off");
        assertEquals(2, sleeper.slept.size());
    }

    @Test
    void throttlingStopsAfterMaxAttempts() {
        for (int i = 0; i < 4; i++) {
            server.then(429, error("ThrottlingException"), "{\"message\":\"Too many requests, please wait before trying again.\"}");
        }
        PersonaReply reply = responder.respond(Fixtures.request());

        assertEquals(3, server.received().size());
        assertEquals("bedrock " + MODEL + ": HTTP 429: ThrottlingException: Too many requests, please wait before trying again."
                + " (after 3 attempts)", reply.providerError());
        assertFalse(reply.replied());
    }

    @Test
    void validationExceptionIsNotRetried() {
        server.then(400, error("ValidationException"), "{\"message\":\"The provided model identifier is invalid.\"}");
        PersonaReply reply = responder.respond(Fixtures.request());

        assertEquals(1, server.received().size());
        assertTrue(sleeper.slept.isEmpty());
        assertEquals("bedrock " + MODEL + ": HTTP 400: ValidationException: The provided model identifier is invalid.",
                reply.providerError());
        assertFalse(reply.providerError().contains("test-secret"));
    }

    @Test
    void malformedOutputIsRepairedWithinTheConversation() {
        server.then(200, converse("I'd reply: sure, tell me more!", 180, 20, 950, 0))
                .then(200, converse(Fixtures.VALID_REPLY, 260, 70, 950, 0));
        PersonaReply reply = responder.respond(Fixtures.request());

        assertNull(reply.providerError());
        JsonNode messages = server.last().json().get("messages");
        assertEquals("assistant", messages.get(3).get("role").asText());
        assertEquals("I'd reply: sure, tell me more!", messages.get(3).get("content").get(0).get("text").asText());
        assertFalse(server.last().body().contains("\"cachePoint\":{\"type\":\"default\"}}]},{\"role\":\"assistant\""),
                "a repair request moves the conversation cache point to its own last turn");
        JsonNode repairTurn = messages.get(4).get("content");
        assertTrue(repairTurn.get(repairTurn.size() - 1).get("text").asText().startsWith("⟦state⟧"), "the state line still comes last");
        assertTrue(messages.get(4).get("content").get(0).get("text").asText().contains("no JSON object"));
        assertEquals(1900, reply.usage().cachedInputTokens());
        assertEquals(2, reply.usage().calls());
    }
}
