package dev.rehearsal.providers;

import dev.rehearsal.providers.replay.ReplayMode;

import dev.rehearsal.providers.prompt.Calibration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Which provider to use and how. Built from environment variables, then CLI flags on top
 * ({@link #resolve}). Keys come from the environment (or the caller, e.g. from AWS Secrets
 * Manager via {@link #withKeys}); they never appear in {@link #toString()}.
 */
public record ProviderConfig(ProviderKind provider, String model, String baseUrl, String region, Duration timeout,
                             int maxAttempts, ReplayMode replayMode, Path replayDir, Path priceFile,
                             String openAiApiKey, String ollamaApiKey, Calibration calibration,
                             String replyClassifier) {

    /** Environment variable for each setting; the CLI flag is the key ("--base-url"). */
    public static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("provider", "REHEARSAL_PROVIDER"),
            Map.entry("model", "REHEARSAL_MODEL"),
            Map.entry("base-url", "REHEARSAL_BASE_URL"),
            Map.entry("region", "AWS_REGION"),
            Map.entry("timeout", "REHEARSAL_TIMEOUT_SECONDS"),
            Map.entry("max-attempts", "REHEARSAL_MAX_ATTEMPTS"),
            Map.entry("replay", "REHEARSAL_REPLAY"),
            Map.entry("replay-dir", "REHEARSAL_REPLAY_DIR"),
            Map.entry("price-file", "REHEARSAL_PRICE_FILE"),
            Map.entry("calibration", "REHEARSAL_CALIBRATION"),
            Map.entry("reply-classifier", "REHEARSAL_REPLY_CLASSIFIER"));

    public ProviderConfig {
        if (maxAttempts < 1 || maxAttempts > 10) throw new IllegalArgumentException("max attempts must be 1..10");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (calibration == null) calibration = Calibration.AUTO;
        // null: the run does not say, so each workflow's settings.reply_classifier decides (default rules).
        if (replyClassifier != null && !replyClassifier.equals("rules") && !replyClassifier.equals("llm")) {
            throw new IllegalArgumentException("reply classifier must be rules or llm, not '" + replyClassifier + "'");
        }
    }

    /** As above with the default reply classifier (code rules). */
    public ProviderConfig(ProviderKind provider, String model, String baseUrl, String region, Duration timeout,
                          int maxAttempts, ReplayMode replayMode, Path replayDir, Path priceFile,
                          String openAiApiKey, String ollamaApiKey, Calibration calibration) {
        this(provider, model, baseUrl, region, timeout, maxAttempts, replayMode, replayDir, priceFile, openAiApiKey,
                ollamaApiKey, calibration, null);
    }

    /** Whether the run itself asks for replies to be read by the LLM classification job rather than the code rules. */
    public boolean llmReplyClassifier() {
        return "llm".equals(replyClassifier) && provider != ProviderKind.OFFLINE;
    }

    public static ProviderConfig fromEnv() {
        return resolve(System.getenv(), Map.of());
    }

    /** {@code flags} are keyed by flag name without dashes' prefix ("model", "base-url", "replay"...). */
    public static ProviderConfig resolve(Map<String, String> env, Map<String, String> flags) {
        java.util.function.Function<String, String> get = k -> {
            String v = flags.get(k);
            if (v == null || v.isBlank()) v = env.get(ENV.get(k));
            if ((v == null || v.isBlank()) && k.equals("region")) v = env.get("AWS_DEFAULT_REGION");
            return v == null || v.isBlank() ? null : v.trim();
        };
        ProviderKind kind = ProviderKind.parse(get.apply("provider"));
        String model = or(get.apply("model"), kind.defaultModel());
        String baseUrl = or(get.apply("base-url"), kind.defaultBaseUrl());
        String region = or(get.apply("region"), "us-east-1");
        Duration timeout = Duration.ofSeconds(number(get.apply("timeout"), 60, "timeout"));
        int attempts = (int) number(get.apply("max-attempts"), 4, "max attempts");
        ReplayMode replay = ReplayMode.parse(get.apply("replay"));
        Path replayDir = Path.of(or(get.apply("replay-dir"), ".rehearsal/replay"));
        String priceFile = get.apply("price-file");
        return new ProviderConfig(kind, model, baseUrl, region, timeout, attempts, replay, replayDir,
                priceFile == null ? null : Path.of(priceFile), env.get("OPENAI_API_KEY"), env.get("OLLAMA_API_KEY"),
                Calibration.parse(get.apply("calibration")), get.apply("reply-classifier"));
    }

    public ProviderConfig withKeys(String openAiKey, String ollamaKey) {
        return new ProviderConfig(provider, model, baseUrl, region, timeout, maxAttempts, replayMode, replayDir,
                priceFile, openAiKey, ollamaKey, calibration, replyClassifier);
    }

    private static String or(String v, String dflt) {
        return v != null ? v : dflt;
    }

    private static long number(String v, long dflt, String what) {
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return "ProviderConfig[provider=" + provider.wire() + ", model=" + model + ", baseUrl=" + baseUrl
                + ", region=" + region + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", replay="
                + replayMode + ", replayDir=" + replayDir + ", priceFile=" + priceFile + ", calibration=" + calibration + ", replyClassifier=" + replyClassifier
                + ", openAiApiKey=" + (openAiApiKey == null ? "unset" : "set") + ", ollamaApiKey="
                + (ollamaApiKey == null ? "unset" : "set") + "]";
    }
}
