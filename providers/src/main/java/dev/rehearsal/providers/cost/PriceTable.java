package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * $/1M-token prices per model: the bundled /prices.json, a dated input (each entry with its source,
 * {@code as_of} date and announced retirement), optionally overridden entry by entry from a file.
 * Bedrock ids with a geography prefix use the base model's entry: "global." at its price, regional
 * profiles ("us.", "eu.", "apac."...) at {@link #regionalMarkup} times it. {@link #warnings} says when
 * a model is retired or about to be, or an entry is too old to trust.
 */
public final class PriceTable {
    /** An entry checked longer ago than this is reported as possibly stale. */
    public static final int STALE_AFTER_DAYS = 90;
    /** A model retiring within this many days is reported. */
    public static final int RETIRES_SOON_DAYS = 60;
    private static final double DEFAULT_REGIONAL_MARKUP = 1.10;
    private final Map<String, ModelPrice> prices;
    private final double regionalMarkup;

    private PriceTable(Map<String, ModelPrice> prices, double regionalMarkup) {
        this.prices = Map.copyOf(prices);
        this.regionalMarkup = regionalMarkup;
    }

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/prices.json")) {
            JsonNode root = Json.mapper().readTree(in);
            return new PriceTable(read(root), root.path("regional_markup").asDouble(DEFAULT_REGIONAL_MARKUP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double regionalMarkup() {
        return regionalMarkup;
    }

    /**
     * What a reader of an estimate or a report should know about {@code model}'s entry on {@code today}:
     * retired, retiring within {@value #RETIRES_SOON_DAYS} days, checked more than {@value #STALE_AFTER_DAYS}
     * days ago, or not priced at all.
     */
    public List<String> warnings(String model, LocalDate today) {
        List<String> out = new ArrayList<>();
        Optional<ModelPrice> p = price(model);
        if (p.isEmpty()) {
            out.add("no price for model " + model + " in the price table: dollars show as 0 (add it with --price-file)");
            return out;
        }
        ModelPrice m = p.get();
        LocalDate retires = date(m.retires());
        if (retires != null && !retires.isAfter(today)) {
            out.add("model " + model + " was retired on " + retires + ": calls will fail; choose a current model");
        } else if (retires != null && !retires.isAfter(today.plusDays(RETIRES_SOON_DAYS))) {
            out.add("model " + model + " retires on " + retires + " (" + ChronoUnit.DAYS.between(today, retires)
                    + " days): plan the move to a current model");
        }
        LocalDate asOf = date(m.asOf());
        if (asOf == null) {
            out.add("the price entry for " + model + " has no as_of date: check it against the provider's price page");
        } else if (asOf.isBefore(today.minusDays(STALE_AFTER_DAYS))) {
            out.add("the price entry for " + model + " was checked on " + asOf + ", more than " + STALE_AFTER_DAYS
                    + " days ago: check current prices or pass --price-file");
        }
        return out;
    }

    private static LocalDate date(String iso) {
        try {
            return iso == null || iso.isBlank() ? null : LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The bundled table with every model in {@code overrideFile} replaced or added; null file = bundled. */
    public static PriceTable load(Path overrideFile) {
        PriceTable base = bundled();
        if (overrideFile == null) return base;
        try {
            Map<String, ModelPrice> m = new HashMap<>(base.prices);
            JsonNode root = Json.mapper().readTree(Files.readString(overrideFile));
            m.putAll(read(root));
            return new PriceTable(m, root.path("regional_markup").asDouble(base.regionalMarkup));
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
            if (dot > 0 && dot <= 6 && model.indexOf('.', dot + 1) > 0) {
                p = prices.get(model.substring(dot + 1));
                if (p != null && !model.startsWith("global.")) p = p.times(regionalMarkup);
            }
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
