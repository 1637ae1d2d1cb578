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

    @Test
    void aPriceFileNamedByTheEnvironmentOverridesTheBundledTableForCallsEstimatesAndWarnings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("prices.json");
        java.nio.file.Files.writeString(file, """
                {"models": {"acme-lead-1": {"input": 1.0, "output": 2.0, "cached_input": 0.1, "cache_write": 1.25,
                  "min_cache_tokens": 1024, "source": "contract with Acme", "as_of": "%s"}}}""".formatted(java.time.LocalDate.now()));
        Map<String, String> env = Map.of("PROVIDER", "ollama", "PROVIDER_MODEL", "acme-lead-1", "PROVIDER_PRICE_FILE", file.toString());
        assertEquals(file, LlmJobsFactory.config(env, name -> "k").priceFile(), "the step functions price calls with it");
        assertEquals(file, dev.rehearsal.functions.run.RunAdmission.Settings.fromEnvironment(env).provider().priceFile(),
                "the API's daily budget estimates with it");
        var today = java.time.LocalDate.now();
        assertTrue(dev.rehearsal.providers.cost.PriceTable.load(LambdaPrices.file(Map.of())).warnings("acme-lead-1", today).get(0)
                .startsWith("no price for model acme-lead-1"), "the bundled table does not know the model");
        assertEquals(List.of(), dev.rehearsal.providers.cost.PriceTable.load(LambdaPrices.file(env)).warnings("acme-lead-1", today),
                "the override prices it, dated today: no warning in the report");
        assertNull(LambdaPrices.file(Map.of("PROVIDER_PRICE_FILE", " ")), "an empty template parameter means the bundled table");
    }
}
