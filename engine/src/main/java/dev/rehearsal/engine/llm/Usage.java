package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Tokens one or more LLM calls consumed; {@code cachedInputTokens} is the part read from a prompt cache. */
public record Usage(@JsonProperty("input_tokens") long inputTokens,
                    @JsonProperty("output_tokens") long outputTokens,
                    @JsonProperty("cached_input_tokens") long cachedInputTokens,
                    @JsonProperty("cache_write_tokens") long cacheWriteTokens,
                    long calls) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    public Usage plus(Usage o) {
        if (o == null) return this;
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cachedInputTokens + o.cachedInputTokens, cacheWriteTokens + o.cacheWriteTokens, calls + o.calls);
    }
}
