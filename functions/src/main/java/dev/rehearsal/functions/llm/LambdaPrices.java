package dev.rehearsal.functions.llm;

import dev.rehearsal.providers.cost.PriceTable;

import java.nio.file.Path;
import java.util.Map;

/**
 * The price table a function prices LLM calls with: the bundled one, or the bundled one overridden by the
 * JSON file {@value #ENV} names (for example one shipped in a Lambda layer under /opt), the same format as
 * the CLI's --price-file. Read once per container, on first use.
 */
public final class LambdaPrices {
    public static final String ENV = "PROVIDER_PRICE_FILE";

    private LambdaPrices() {
    }

    /** The override file the environment names, or null for the bundled table. */
    public static Path file(Map<String, String> env) {
        String v = env.get(ENV);
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    public static PriceTable table() {
        return Holder.TABLE;
    }

    private static final class Holder {
        static final PriceTable TABLE = PriceTable.load(file(System.getenv()));
    }
}
