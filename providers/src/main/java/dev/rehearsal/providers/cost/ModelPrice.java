package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Dollars per 1M tokens for one model; {@code minCacheTokens} is the shortest prefix it caches.
 * {@code source} and {@code asOf} (ISO date) say where and when the price was checked; {@code retires}
 * (ISO date) is the announced shutdown, or null. Files written before these existed still read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelPrice(double input, double output,
                         @JsonProperty("cached_input") double cachedInput,
                         @JsonProperty("cache_write") double cacheWrite,
                         @JsonProperty("min_cache_tokens") int minCacheTokens,
                         String source,
                         @JsonProperty("as_of") String asOf,
                         String retires) {
    public static final ModelPrice FREE = new ModelPrice(0, 0, 0, 0, 0);

    public ModelPrice(double input, double output, double cachedInput, double cacheWrite, int minCacheTokens) {
        this(input, output, cachedInput, cacheWrite, minCacheTokens, null, null, null);
    }

    /** The same entry with every price multiplied by {@code factor} (cross-region inference profiles). */
    public ModelPrice times(double factor) {
        return new ModelPrice(input * factor, output * factor, cachedInput * factor, cacheWrite * factor, minCacheTokens,
                source, asOf, retires);
    }
}
