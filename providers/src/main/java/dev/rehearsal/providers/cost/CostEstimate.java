package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Predicted tokens and dollars of a suite before it runs. {@code priced} is false when the model
 * is not in the price table (dollars then 0). Input counts include cached and cache-write tokens.
 */
public record CostEstimate(String provider, String model, long calls, @JsonProperty("input_tokens") long inputTokens,
                           @JsonProperty("cached_input_tokens") long cachedInputTokens,
                           @JsonProperty("cache_write_tokens") long cacheWriteTokens,
                           @JsonProperty("output_tokens") long outputTokens, double dollars, boolean priced,
                           List<String> assumptions, List<String> warnings) {
    public CostEstimate {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public CostEstimate(String provider, String model, long calls, long inputTokens, long cachedInputTokens,
                        long cacheWriteTokens, long outputTokens, double dollars, boolean priced, List<String> assumptions) {
        this(provider, model, calls, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, dollars, priced,
                assumptions, null);
    }
}
