package dev.rehearsal.providers.bench;

import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.cost.TokenCounter;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guards the documented target: uncached input at most 0.35x the seed's on the 30-step transcript. */
class PromptSizeBenchmarkTest {
    @Test
    void uncachedInputStaysUnderTheTarget() {
        PromptSizeBenchmark.Result r = PromptSizeBenchmark.run(PersonaCatalog.builtIn("skeptical-sarah").orElseThrow(), 30,
                new PersonaPromptBuilder(), TokenCounter.o200k());
        assertTrue(r.uncachedRatio() <= 0.35, "uncached/seed = " + r.uncachedRatio());
        assertTrue(r.totalRatio() < 1.0, "total/seed = " + r.totalRatio());
    }
}
