package dev.rehearsal.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.providers.Fixtures;
import dev.rehearsal.providers.StubServer;
import dev.rehearsal.providers.core.JobSchema;
import dev.rehearsal.providers.core.RetryingChatModel;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmMessageAnalyst;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.jobs.LlmRecommender;
import dev.rehearsal.providers.jobs.LlmReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.providers.prompt.PersonaCard;
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

public class OpenAiChatModelTest {
    static final String KEY = "sk-test-abcdefghijklmnop1234";
    StubServer server;
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    StructuredCaller caller;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        OpenAiChatModel model = new OpenAiChatModel(server.baseUrl() + "/v1", "gpt-4.1-mini", KEY, Duration.ofSeconds(5));
        caller = new StructuredCaller(new RetryingChatModel(model, Fixtures.policy(3, sleeper)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    public static String completion(String content, long prompt, long cached, long completion) {
        return Json.write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1732500000,
                "model", "gpt-4.1-mini-2025-04-14",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "logprobs", Map.of(),
                        "message", Map.of("role", "assistant", "content", content, "annotations", List.of()))),
                "usage", Map.of("prompt_tokens", prompt, "completion_tokens", completion, "total_tokens", prompt + completion,
                        "prompt_tokens_details", Map.of("cached_tokens", cached, "audio_tokens", 0),
                        "completion_tokens_details", Map.of("reasoning_tokens", 0)),
                "system_fingerprint", "fp_test"));
    }

    static String error(String message, String type, String code) {
        return Json.write(Map.of("error", Map.of("message", message, "type", type, "code", code)));
    }

    @Test
    void warmingUpCallsNobodyAndTheFirstCallStillWorks() {
        OpenAiChatModel model = new OpenAiChatModel(server.baseUrl() + "/v1", "gpt-4.1-mini", KEY, Duration.ofSeconds(5));
        model.warm();
        assertTrue(server.received().isEmpty(), "warming up must not send a request (it would be billed)");
        server.then(200, completion(Fixtures.VALID_REPLY, 1300, 1024, 70));
        PersonaReply reply = new LlmPersonaResponder(new StructuredCaller(model), new PersonaPromptBuilder(), new UsageMeter())
                .respond(Fixtures.request());
        assertEquals(1, server.received().size());
        assertEquals("/v1/chat/completions", server.last().path(), reply.toString());
    }

    @Test
    void sendsStrictJsonSchemaSystemPromptAndRealTurns() {
        server.then(200, completion(Fixtures.VALID_REPLY, 1300, 1024, 70));
        PersonaReply reply = new LlmPersonaResponder(caller, new PersonaPromptBuilder(), new UsageMeter()).respond(Fixtures.request());

        StubServer.Received req = server.last();
        assertEquals("/v1/chat/completions", req.path());
        assertEquals("Bearer " + KEY, req.header("Authorization"));
        JsonNode body = req.json();
        assertEquals("gpt-4.1-mini", body.get("model").asText());
        JsonNode format = body.get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("persona_reply", format.get("json_schema").get("name").asText());
        assertTrue(format.get("json_schema").get("strict").asBoolean());
        assertEquals(JobSchema.PERSONA_REPLY.wireSchema(), format.get("json_schema").get("schema"));
        assertFalse(format.get("json_schema").get("schema").toString().contains("maximum"),
                "strict mode rejects numeric bounds; they are checked locally");
        JsonNode messages = body.get("messages");
        assertEquals(5, messages.size());
        assertEquals("system", messages.get(0).get("role").asText());
        assertEquals(PersonaCard.systemPrompt(Fixtures.sarah(), Fixtures.SITUATION), messages.get(0).get("content").asText(),
                "the same persona prompt as every other provider gets");
        assertEquals("user", messages.get(1).get("role").asText());
        assertTrue(messages.get(1).get("content").asText().startsWith("⟦message 1 · sms · reached you Wed 1969-12-31 19:00⟧\n"));
        assertEquals("assistant", messages.get(2).get("role").asText());
        assertEquals("⟦your reply · sms · Wed 1969-12-31 19:01⟧\nWhat does it cost?", messages.get(2).get("content").asText());
        assertEquals("user", messages.get(3).get("role").asText());
        assertEquals("system", messages.get(4).get("role").asText(), "the state line comes last, in the system position");
        assertTrue(messages.get(4).get("content").asText().startsWith("⟦state⟧ Now: Wed 1969-12-31 19:03"));
        assertEquals(42, body.get("seed").asLong());

        assertNull(reply.providerError());
        assertEquals(1300, reply.usage().inputTokens());
        assertEquals(1024, reply.usage().cachedInputTokens());
        assertEquals(70, reply.usage().outputTokens());
    }

    @Test
    void theClassifierIsACallOfItsOwnThatSeesOnlyTheReplyText() {
        server.then(200, completion(Fixtures.VALID_REPLY, 1300, 1024, 70))
                .then(200, completion("{\"reasoning\":\"Compares with a competitor.\",\"intent\":\"objection\","
                        + "\"sentiment\":\"neutral\",\"opt_out\":false}", 240, 0, 30));
        UsageMeter meter = new UsageMeter();
        PersonaReply reply = new LlmPersonaResponder(caller, new PersonaPromptBuilder(), meter).respond(Fixtures.request());
        ReplyReading reading = new LlmReplyClassifier(caller, meter).classify(reply.response());

        assertEquals(2, server.received().size());
        JsonNode persona = server.received().get(0).json(), classify = server.received().get(1).json();
        assertEquals("persona_reply", persona.get("response_format").get("json_schema").get("name").asText());
        assertEquals("reply_reading", classify.get("response_format").get("json_schema").get("name").asText());
        JsonNode messages = classify.get("messages");
        assertEquals(2, messages.size(), "system and the reply: no persona, no conversation");
        assertEquals("⟦reply⟧\nHow does it compare to HubSpot?\n⟦/reply⟧", messages.get(1).get("content").asText());
        String all = classify.toString();
        for (String hidden : List.of("Sarah", "Helix", "Skeptical", "likely_to_convert")) {
            assertFalse(all.contains(hidden), "the classifier must not see " + hidden);
        }
        assertEquals(Intent.OBJECTION, reading.intent());
        assertEquals("llm", reading.rule());
        assertEquals("llm:openai:gpt-4.1-mini", reading.classifier());
        assertEquals(240, reading.usage().inputTokens());
        assertEquals(2, meter.total().calls(), "usage counts the classifier's call too");
    }

    @Test
    void aCarrierKeywordOptsOutWhateverTheClassifierModelSays() {
        server.then(200, completion("{\"reasoning\":\"r\",\"intent\":\"neutral\",\"sentiment\":\"neutral\",\"opt_out\":false}",
                100, 0, 20));
        ReplyReading reading = new LlmReplyClassifier(caller, new UsageMeter()).classify("STOP");
        assertTrue(reading.optOut());
        assertEquals(Intent.OPT_OUT, reading.intent());
    }

    @Test
    void whenTheClassifierModelFailsTheCodeRulesReadTheReply() {
        server.then(400, error("bad request", "invalid_request_error", "bad"));
        ReplyReading reading = new LlmReplyClassifier(caller, new UsageMeter()).classify("How much is it?");
        assertEquals(Intent.PRICE_OBJECTION, reading.intent());
        assertEquals("rules_fallback", reading.rule());
    }

    @Test
    void retriesA429WithRetryAfterAndTheRealErrorShape() {
        server.then(429, Map.of("retry-after", "1", "x-ratelimit-remaining-requests", "0"),
                        error("Rate limit reached for gpt-4.1-mini on requests per min (RPM): Limit 3, Used 3.", "requests",
                                "rate_limit_exceeded"))
                .then(200, completion(Fixtures.VALID_REPLY, 900, 0, 50));
        PersonaReply reply = new LlmPersonaResponder(caller, new PersonaPromptBuilder(), new UsageMeter()).respond(Fixtures.request());

        assertNull(reply.providerError());
        assertEquals(2, server.received().size());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.slept);
    }

    @Test
    void givesUpAfterMaxAttemptsOn5xx() {
        for (int i = 0; i < 4; i++) server.then(500, error("The server had an error while processing your request.", "server_error", "internal_error"));
        PersonaReply reply = new LlmPersonaResponder(caller, new PersonaPromptBuilder(), new UsageMeter()).respond(Fixtures.request());

        assertEquals(3, server.received().size());
        assertTrue(reply.providerError().startsWith("openai gpt-4.1-mini: HTTP 500"), reply.providerError());
        assertTrue(reply.providerError().endsWith("(after 3 attempts)"), reply.providerError());
    }

    @Test
    void anAuthErrorIsNotRetriedAndTheKeyNeverAppears() {
        server.then(401, error("Incorrect API key provided: " + KEY + ". You can find your API key at https://platform.openai.com.",
                "invalid_request_error", "invalid_api_key"));
        PersonaReply reply = new LlmPersonaResponder(caller, new PersonaPromptBuilder(), new UsageMeter()).respond(Fixtures.request());

        assertEquals(1, server.received().size());
        assertTrue(reply.providerError().startsWith("openai gpt-4.1-mini: HTTP 401"), reply.providerError());
        assertTrue(reply.providerError().contains("invalid_api_key"), reply.providerError());
        assertFalse(reply.providerError().contains(KEY), reply.providerError());
        assertFalse(reply.providerError().contains("abcdefghijklmnop"), reply.providerError());
    }

    @Test
    void aShortKeyEchoedInA401IsMaskedToo() {
        String shortKey = "k3y";
        OpenAiChatModel model = new OpenAiChatModel(server.baseUrl() + "/v1", "gpt-4.1-mini", shortKey, Duration.ofSeconds(5));
        StructuredCaller shortCaller = new StructuredCaller(new RetryingChatModel(model, Fixtures.policy(3, sleeper)));
        server.then(401, error("Incorrect API key provided: " + shortKey + ". Keys look like sk-....",
                "invalid_request_error", "invalid_api_key"));
        PersonaReply reply = new LlmPersonaResponder(shortCaller, new PersonaPromptBuilder(), new UsageMeter())
                .respond(Fixtures.request());

        assertTrue(reply.providerError().contains("Incorrect API key provided: ***."), reply.providerError());
        assertFalse(reply.providerError().matches("(?s).*\\bk3y\\b.*"), reply.providerError());
    }

    @Test
    void analysesAMessageWithTheAnalysisSchema() {
        server.then(200, completion("{\"spam_risk\":72,\"reasons\":[\"ALL CAPS\",\"no opt-out\"],\"tone\":\"aggressive\","
                + "\"clarity\":40,\"suggestions\":[\"Add 'Reply STOP to opt out'\"]}", 400, 0, 60));
        MessageAnalysis a = new LlmMessageAnalyst(caller, new UsageMeter())
                .analyze(new OutboundMessage("s1", Channel.SMS, null, "BUY NOW!!! LAST CHANCE"), true);

        assertEquals("message_analysis", server.last().json().get("response_format").get("json_schema").get("name").asText());
        assertTrue(server.last().json().get("messages").get(1).get("content").asText().contains("BUY NOW!!! LAST CHANCE"));
        assertEquals(72, a.spamRisk());
        assertEquals("aggressive", a.tone());
        assertEquals(40, a.clarity());
        assertEquals(List.of("ALL CAPS", "no opt-out"), a.reasons());
        assertNull(a.providerError());
    }

    @Test
    void recommendationsOutsideThreeToFiveAreRepaired() {
        server.then(200, completion("{\"items\":[\"Add an opt-out line to step s1.\"]}", 500, 0, 20))
                .then(200, completion("{\"items\":[\"Add 'Reply STOP to opt out' to step s1.\","
                        + "\"Branch step w2 on intent price_objection to a discount email.\","
                        + "\"Move step s3 out of quiet hours (send at 10:00 local).\"]}", 600, 0, 60));
        Recommender.Recommendations r = new LlmRecommender(caller, new UsageMeter()).recommend("Welcome", "issues: ...");

        assertNull(r.providerError());
        assertEquals(3, r.items().size());
        String repairTurn = server.last().json().get("messages").get(3).get("content").asText();
        assertTrue(repairTurn.contains("/items"), repairTurn);
        assertEquals(2, r.usage().calls());
    }
}
