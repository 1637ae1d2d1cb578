package dev.rehearsal.providers;

import dev.rehearsal.providers.replay.ReplayMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderConfigTest {
    @Test
    void defaultsToOffline() {
        ProviderConfig c = ProviderConfig.resolve(Map.of(), Map.of());
        assertEquals(ProviderKind.OFFLINE, c.provider());
        assertEquals(ReplayMode.OFF, c.replayMode());
        ProviderBundle b = Providers.create(c);
        assertNull(b.responder());
        assertNull(b.analyst());
        assertNull(b.recommender());
    }

    @Test
    void environmentThenFlags() {
        Map<String, String> env = Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_MODEL", "gpt-4o",
                "OPENAI_API_KEY", "sk-live-secretsecretsecret", "REHEARSAL_REPLAY", "record",
                "REHEARSAL_REPLAY_DIR", "/tmp/rr", "AWS_REGION", "eu-west-1", "REHEARSAL_MAX_ATTEMPTS", "5");
        ProviderConfig c = ProviderConfig.resolve(env, Map.of("model", "gpt-4.1-mini", "timeout", "12"));
        assertEquals(ProviderKind.OPENAI, c.provider());
        assertEquals("gpt-4.1-mini", c.model());
        assertEquals(Duration.ofSeconds(12), c.timeout());
        assertEquals(5, c.maxAttempts());
        assertEquals(ReplayMode.RECORD, c.replayMode());
        assertEquals(Path.of("/tmp/rr"), c.replayDir());
        assertEquals("eu-west-1", c.region());
        assertFalse(c.toString().contains("secret"), c.toString());
    }

    @Test
    void providerDefaults() {
        ProviderConfig bedrock = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "bedrock"), Map.of());
        assertEquals("us.anthropic.claude-haiku-4-5-20251001-v1:0", bedrock.model());
        assertEquals("us-east-1", bedrock.region());
        assertEquals("https://ollama.com", ProviderConfig.resolve(Map.of(), Map.of("provider", "ollama")).baseUrl());
    }

    @Test
    void badValuesAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "gemini"), Map.of())).getMessage().contains("gemini"));
        assertThrows(IllegalArgumentException.class, () -> ProviderConfig.resolve(Map.of("REHEARSAL_REPLAY", "sometimes"), Map.of()));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Providers.create(ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai"), Map.of())))
                .getMessage().contains("OPENAI_API_KEY"));
    }

    @Test
    void replayNeedsNoKey() {
        ProviderConfig c = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_REPLAY", "replay"), Map.of());
        ProviderBundle b = Providers.create(c);
        assertTrue(b.responder().name().startsWith("openai:"));
    }

    @Test
    void repliesAreReadByTheCodeRulesUnlessTheLlmJobIsAskedFor() {
        Map<String, String> env = Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_REPLAY", "replay");
        assertEquals("rules", Providers.create(ProviderConfig.resolve(env, Map.of())).classifier().name());
        ProviderBundle llm = Providers.create(ProviderConfig.resolve(env, Map.of("reply-classifier", "llm")));
        assertTrue(llm.classifier().name().startsWith("llm:openai:"), llm.classifier().name());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProviderConfig.resolve(env, Map.of("reply-classifier", "gpt")));
        assertEquals("reply classifier must be rules or llm, not 'gpt'", e.getMessage());
    }
}
