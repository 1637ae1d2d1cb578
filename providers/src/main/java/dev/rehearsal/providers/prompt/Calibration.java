package dev.rehearsal.providers.prompt;

import java.util.Locale;

/**
 * Whether persona prompts carry calibration examples up to the model's minimum cacheable prefix.
 * AUTO turns them on where they pay for themselves on a short workflow: models that cache from a
 * small prefix (OpenAI, Claude Sonnet: 1,024 tokens; cost-weighted 0.28x the seed's against 0.46x
 * without). On Claude Haiku 4.5 (4,096 tokens) the cache write only pays back after about 15
 * messages per persona, so AUTO leaves them off there; ON forces them (docs/PERFORMANCE.md).
 */
public enum Calibration {
    AUTO, ON, OFF;

    /** AUTO's rule: a prefix target up to this size is worth filling. */
    public static final int AUTO_MAX_PREFIX = 2048;

    public static Calibration parse(String s) {
        if (s == null || s.isBlank()) return AUTO;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration must be auto, on or off, not '" + s + "'");
        }
    }

    /** The prefix target to fill for a model whose minimum cacheable prefix is {@code minCacheTokens} (0: none). */
    public int prefixTarget(int minCacheTokens) {
        return switch (this) {
            case OFF -> 0;
            case ON -> minCacheTokens;
            case AUTO -> minCacheTokens <= AUTO_MAX_PREFIX ? minCacheTokens : 0;
        };
    }
}
