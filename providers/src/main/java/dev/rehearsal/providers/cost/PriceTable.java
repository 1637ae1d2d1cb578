package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * $/1M-token prices per model: the bundled /prices.json, optionally overridden entry by entry from
 * a file. Bedrock ids with a geography prefix ("us.", "eu.", "global.") use the base model's price.
 */
public final class PriceTable {
    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/prices.json")) {
            return new PriceTable(read(Json.mapper().readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled table with every model in {@code overrideFile} replaced or added; null file = bundled. */
    public static PriceTable load(Path overrideFile) {
        PriceTable base = bundled();
        if (overrideFile == null) return base;
        try {
            Map<String, ModelPrice> m = new HashMap<>(base.prices);
            m.putAll(read(Json.mapper().readTree(Files.readString(overrideFile))));
            return new PriceTable(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price file " + overrideFile, e);
        }
    }

    private static Map<String, ModelPrice> read(JsonNode root) {
        Map<String, ModelPrice> m = new HashMap<>();
        root.path("models").fields().forEachRemaining(e -> m.put(e.getKey(), Json.convert(e.getValue(), ModelPrice.class)));
        return m;
    }

    public Optional<ModelPrice> price(String model) {
        if (model == null) return Optional.empty();
        ModelPrice p = prices.get(model);
        if (p == null) {
            int dot = model.indexOf('.');
            if (dot > 0 && dot <= 6 && model.indexOf('.', dot + 1) > 0) p = prices.get(model.substring(dot + 1));
        }
        return Optional.ofNullable(p);
    }

    /**
     * Dollars for {@code usage}. {@link Usage#inputTokens()} counts all input; the cached and
     * cache-write parts are billed at their own rates, the rest at the input rate. Unknown model: 0.
     */
    public double cost(String model, Usage usage) {
        ModelPrice p = price(model).orElse(ModelPrice.FREE);
        long plain = Math.max(0, usage.inputTokens() - usage.cachedInputTokens() - usage.cacheWriteTokens());
        return (plain * p.input() + usage.cachedInputTokens() * p.cachedInput()
                + usage.cacheWriteTokens() * p.cacheWrite() + usage.outputTokens() * p.output()) / 1_000_000.0;
    }
}
