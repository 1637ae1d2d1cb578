package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Dollars per 1M tokens for one model; {@code minCacheTokens} is the shortest prefix it caches. */
public record ModelPrice(double input, double output,
                         @JsonProperty("cached_input") double cachedInput,
                         @JsonProperty("cache_write") double cacheWrite,
                         @JsonProperty("min_cache_tokens") int minCacheTokens) {
    public static final ModelPrice FREE = new ModelPrice(0, 0, 0, 0, 0);
}
