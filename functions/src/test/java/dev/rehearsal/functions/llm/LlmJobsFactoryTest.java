package dev.rehearsal.functions.llm;

import dev.rehearsal.providers.ProviderKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The function environment template.yaml sets, turned into provider settings; keys only from the named parameter. */
class LlmJobsFactoryTest {
    @Test
    void offlineNeedsNothingAndBuildsNoJobs() {
        assertNull(LlmJobsFactory.fromEnvironment(Map.of("PROVIDER", "offline"), null, name -> fail("no key read")));
        assertNull(LlmJobsFactory.fromEnvironment(Map.of(), null, name -> fail("no key read")));
    }

    @Test
    void keyComesFromTheNamedSecureStringOnlyForProvidersThatNeedOne() {
        List<String> read = new ArrayList<>();
        var openai = LlmJobsFactory.config(Map.of("PROVIDER", "openai", "PROVIDER_MODEL", "gpt-4.1-mini",
                "PROVIDER_BASE_URL", "https://gateway.example.com/v1", "PROVIDER_REPLAY", "replay",
                "PROVIDER_API_KEY_PARAMETER", "/rehearsal/provider/api-key"), name -> {
            read.add(name);
            return "sk-from-ssm";
        });
        assertEquals(List.of("/rehearsal/provider/api-key"), read);
        assertEquals(ProviderKind.OPENAI, openai.provider());
        assertEquals("sk-from-ssm", openai.openAiApiKey());
        assertEquals("https://gateway.example.com/v1", openai.baseUrl());
        assertEquals("replay", openai.replayMode().name().toLowerCase());
        assertFalse(openai.toString().contains("sk-from-ssm"), "the key never shows in logs");

        var bedrock = LlmJobsFactory.config(Map.of("PROVIDER", "bedrock", "AWS_REGION", "eu-west-1",
                "PROVIDER_API_KEY_PARAMETER", "/rehearsal/provider/api-key"), name -> fail("Bedrock uses the role"));
        assertEquals("eu-west-1", bedrock.region());
    }

    @Test
    void eachFunctionSetsItsOwnProviderTimeoutAndAttempts() {
        var step = LlmJobsFactory.config(Map.of("PROVIDER", "bedrock", "PROVIDER_TIMEOUT_SECONDS", "25",
                "PROVIDER_MAX_ATTEMPTS", "2"), name -> fail("Bedrock uses the role"));
        assertEquals(java.time.Duration.ofSeconds(25), step.timeout());
        assertEquals(2, step.maxAttempts());
        var defaults = LlmJobsFactory.config(Map.of("PROVIDER", "bedrock"), name -> fail("no key"));
        assertEquals(java.time.Duration.ofSeconds(60), defaults.timeout());
        assertEquals(4, defaults.maxAttempts());
        assertThrows(IllegalArgumentException.class, () -> LlmJobsFactory.config(Map.of("PROVIDER", "bedrock",
                "PROVIDER_MAX_ATTEMPTS", "0"), name -> fail("no key")));
    }
}
