package dev.rehearsal.providers.core;

import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.providers.Fixtures;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Throttling that outlasts the call's retries must stay retryable, so the AWS run's step retry can take over. */
class RetryingChatModelTest {
    final List<Duration> slept = new ArrayList<>();

    /** Always throttled, with the given Retry-After. */
    static ChatModel throttled(Duration retryAfter, int[] calls) {
        return failing(429, retryAfter, calls);
    }

    /** Always fails with the given HTTP status. */
    static ChatModel failing(int status, Duration retryAfter, int[] calls) {
        return new ChatModel() {
            @Override
            public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
                calls[0]++;
                throw ProviderException.http("bedrock", "m", status, retryAfter, status == 429 ? "ThrottlingException"
                        : "ValidationException");
            }

            @Override
            public String provider() {
                return "bedrock";
            }

            @Override
            public String model() {
                return "m";
            }
        };
    }

    RetryPolicy policy(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(500), Duration.ofSeconds(20), slept::add, new Random(1));
    }

    PersonaReply reply(ChatModel m) {
        return new LlmPersonaResponder(new StructuredCaller(m), new PersonaPromptBuilder(), new UsageMeter())
                .respond(Fixtures.request());
    }

    @Test
    void exhaustedThrottlingIsARetryableProviderFailure() {
        int[] calls = {0};
        PersonaReply r = reply(new RetryingChatModel(throttled(null, calls), policy(3)));
        assertEquals(3, calls[0]);
        assertEquals(2, slept.size());
        assertTrue(r.providerRetryableFailure(), r.toString());
        assertTrue(r.providerError().contains("after 3 attempts"), r.providerError());
    }

    @Test
    void aRetryAfterLongerThanTheCallMayWaitGivesUpAtOnceStillRetryable() {
        int[] calls = {0};
        PersonaReply r = reply(new RetryingChatModel(throttled(Duration.ofSeconds(90), calls), policy(4)));
        assertEquals(1, calls[0], "no early retries against the server's request");
        assertTrue(slept.isEmpty());
        assertTrue(r.providerRetryableFailure());
        assertTrue(r.providerError().contains("Retry-After 90 s"), r.providerError());
    }

    @Test
    void aShortRetryAfterIsHonouredExactly() {
        int[] calls = {0};
        reply(new RetryingChatModel(throttled(Duration.ofSeconds(3), calls), policy(2)));
        assertEquals(List.of(Duration.ofSeconds(3)), slept);
    }

    @Test
    void clientErrorsAreNeitherRetriedNorRetryable() {
        int[] calls = {0};
        ChatModel bad = failing(400, null, calls);
        PersonaReply r = reply(new RetryingChatModel(bad, policy(4)));
        assertEquals(1, calls[0]);
        assertNotNull(r.providerError());
        assertFalse(r.providerRetryableFailure());
    }
}
