package dev.rehearsal.providers.bench;

import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.cost.TokenCounter;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guards the documented target: uncached input at most 0.35x the seed's on the 30-step transcript. */
class PromptSizeBenchmarkTest {
    static PromptSizeBenchmark.Result sarah(int minCache, int prefixTarget) {
        return PromptSizeBenchmark.run(PersonaCatalog.builtIn("skeptical-sarah").orElseThrow(), 30,
                new PersonaPromptBuilder(PersonaPromptBuilder.DEFAULT_MAX_TURNS, prefixTarget),
                TokenCounter.o200k(), minCache);
    }

    @Test
    void uncachedInputStaysUnderTheTargetWithNoCacheMinimum() {
        PromptSizeBenchmark.Result r = sarah(0, 0);
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        // The whole transcript is about twice the seed's tokens in all, but almost all of it is a cached prefix.
        assertTrue(r.totalRatio() < 2.5, "total/seed = " + r.totalRatio());
    }

    @Test
    void withAThousandTokenMinimumTheWholeConversationIsServedFromCache() {
        PromptSizeBenchmark.Result r = sarah(1024, 1024);
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        assertTrue(r.costRatio() <= sarah(1024, 0).costRatio(), "padding must not make a 1,024 minimum dearer");
    }

    @Test
    void onHaikuFourFivePaddingReachesTheConversationCacheSoonerAndCostsLess() {
        PromptSizeBenchmark.Result padded = sarah(4096, 4096), plain = sarah(4096, 0);
        assertTrue(padded.prefixTokens() < 4096, "neutral rules alone cannot fill 4,096 tokens: " + padded.prefixTokens());
        assertTrue(padded.costRatio() < plain.costRatio(), padded.costRatio() + " vs " + plain.costRatio());
    }

    @Test
    void onHaikuFourFiveCachingTheConversationCostsLessThanCachingTheSystemPromptOnly() {
        PromptSizeBenchmark.Result conversation = sarah(4096, 0);
        PromptSizeBenchmark.Result systemOnly = PromptSizeBenchmark.run(PersonaCatalog.builtIn("skeptical-sarah").orElseThrow(), 30,
                new PersonaPromptBuilder(), TokenCounter.o200k(), 4096, false);
        assertTrue(conversation.costRatio() < systemOnly.costRatio(), conversation.costRatio() + " vs " + systemOnly.costRatio());
        assertTrue(systemOnly.cacheReads() == 0, "a 1,100-token system prompt never reaches Haiku 4.5's 4,096 minimum");
    }
}
