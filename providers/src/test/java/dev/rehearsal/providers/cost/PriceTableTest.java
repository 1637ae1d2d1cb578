package dev.rehearsal.providers.cost;

import dev.rehearsal.engine.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceTableTest {
    @Test
    void pricesCachedAndWrittenTokensAtTheirOwnRates() {
        PriceTable t = PriceTable.bundled();
        // Haiku 4.5: $1 in, $5 out, $0.10 cache read, $1.25 cache write per 1M.
        Usage u = new Usage(1_000_000 + 2_000_000 + 400_000, 100_000, 2_000_000, 400_000, 10);
        assertEquals(1.0 + 0.2 + 0.5 + 0.5, t.cost("us.anthropic.claude-haiku-4-5-20251001-v1:0", u), 1e-9);
    }

    @Test
    void unknownModelsCostNothingAndAreReportedUnpriced() {
        assertTrue(PriceTable.bundled().price("llama3.2:1b").isEmpty());
        assertEquals(0.0, PriceTable.bundled().cost("llama3.2:1b", new Usage(1000, 10, 0, 0, 1)));
    }

    @Test
    void aFileOverridesBundledEntries(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("prices.json");
        Files.writeString(f, "{\"models\":{\"gpt-4.1-mini\":{\"input\":1,\"output\":2,\"cached_input\":0.5,\"cache_write\":0,\"min_cache_tokens\":1024}}}");
        PriceTable t = PriceTable.load(f);
        assertEquals(1.0, t.price("gpt-4.1-mini").orElseThrow().input());
        assertTrue(t.price("gpt-4o").isPresent(), "other bundled entries stay");
    }
}
