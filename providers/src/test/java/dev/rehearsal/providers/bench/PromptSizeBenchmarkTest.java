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
                new PersonaPromptBuilder(PersonaPromptBuilder.DEFAULT_WINDOW, PersonaPromptBuilder.DEFAULT_CHUNK, prefixTarget),
                TokenCounter.o200k(), minCache);
    }

    @Test
    void uncachedInputStaysUnderTheTargetWithNoCacheMinimum() {
        PromptSizeBenchmark.Result r = sarah(0, 0);
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        assertTrue(r.totalRatio() < 1.0, "total/seed = " + r.totalRatio());
    }

    @Test
    void calibrationExamplesMeetTheTargetOnHaikuFourFive() {
        PromptSizeBenchmark.Result r = sarah(4096, 4096);
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        assertTrue(r.costRatio() < sarah(4096, 0).costRatio(), "examples must make Haiku 4.5 cheaper, not dearer");
    }

    @Test
    void calibrationExamplesMeetTheTargetWithAThousandTokenMinimum() {
        PromptSizeBenchmark.Result r = sarah(1024, 1024);
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        assertTrue(r.costRatio() < sarah(1024, 0).costRatio(), "examples must make a 1,024 minimum cheaper, not dearer");
    }
}
