package dev.rehearsal.providers.cost;

import dev.rehearsal.engine.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceTableTest {
    @Test
    void pricesCachedAndWrittenTokensAtTheirOwnRates() {
        PriceTable t = PriceTable.bundled();
        // Haiku 4.5: $1 in, $5 out, $0.10 cache read, $1.25 cache write per 1M.
        Usage u = new Usage(1_000_000 + 2_000_000 + 400_000, 100_000, 2_000_000, 400_000, 10);
        assertEquals(1.0 + 0.2 + 0.5 + 0.5, t.cost("global.anthropic.claude-haiku-4-5-20251001-v1:0", u), 1e-9);
        assertEquals(1.0 + 0.2 + 0.5 + 0.5, t.cost("anthropic.claude-haiku-4-5-20251001-v1:0", u), 1e-9);
        // Regional cross-region profiles cost 10% more than the base entry.
        assertEquals((1.0 + 0.2 + 0.5 + 0.5) * 1.1, t.cost("us.anthropic.claude-haiku-4-5-20251001-v1:0", u), 1e-9);
    }

    @Test
    void everyBundledEntryIsDatedAndSourced() throws Exception {
        com.fasterxml.jackson.databind.JsonNode root;
        try (var in = PriceTable.class.getResourceAsStream("/prices.json")) {
            root = dev.rehearsal.engine.json.Json.mapper().readTree(in);
        }
        root.path("models").fields().forEachRemaining(e -> {
            assertTrue(e.getValue().path("source").asText().startsWith("https://"), e.getKey());
            assertTrue(e.getValue().path("as_of").asText().matches("\\d{4}-\\d{2}-\\d{2}"), e.getKey());
        });
    }

    @Test
    void warnsAboutRetiredAndRetiringModelsAndOldEntries() {
        PriceTable t = PriceTable.bundled();
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 28);
        assertEquals(List.of("model gpt-4.1-nano was retired on 2026-10-23: calls will fail; choose a current model"),
                t.warnings("gpt-4.1-nano", today));
        assertEquals(List.of("model gpt-4.1-mini retires on 2027-01-14 (47 days): plan the move to a current model"),
                t.warnings("gpt-4.1-mini", today));
        assertTrue(t.warnings("us.anthropic.claude-haiku-4-5-20251001-v1:0", today).isEmpty());
        assertEquals(List.of("the price entry for gpt-5-mini was checked on 2026-11-28, more than 90 days ago: "
                + "check current prices or pass --price-file"), t.warnings("gpt-5-mini", today.plusDays(91)));
        assertTrue(t.warnings("llama3.2:1b", today).get(0).startsWith("no price for model llama3.2:1b"));
    }

    @Test
    void aPriceFileWithoutDatesStillReadsAndIsFlagged(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("old.json");
        Files.writeString(f, "{\"models\":{\"my-model\":{\"input\":1,\"output\":2,\"cached_input\":0.5,\"cache_write\":0,\"min_cache_tokens\":0}}}");
        PriceTable t = PriceTable.load(f);
        assertEquals(List.of("the price entry for my-model has no as_of date: check it against the provider's price page"),
                t.warnings("my-model", java.time.LocalDate.of(2026, 11, 28)));
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
