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
}
