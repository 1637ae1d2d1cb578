package dev.rehearsal.functions.observe;

import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.cost.PriceTable;

import java.util.Locale;

/** The run's metrics, named once: runs started and ended (by outcome), provider calls and tokens, walk time. */
public final class RunMetrics {
    private RunMetrics() {
    }

    public static void runStarted(String runId) {
        Metrics.of("api").count("RunsStarted", 1).property("runId", runId).emit();
    }

    /**
     * A run ended: {@code RunsCompleted} (outcome passed or failed), {@code RunsFailed} (outcome: the
     * reason word, e.g. timed_out, step_failed) or {@code RunsCancelled}.
     */
    public static void runEnded(String service, String runId, String status, String reason) {
        String metric = switch (status) {
            case "COMPLETED" -> "RunsCompleted";
            case "CANCELLED" -> "RunsCancelled";
            default -> "RunsFailed";
        };
        Metrics.of(service).dimension(Metrics.Dimension.Outcome, word(reason)).count(metric, 1)
                .property("runId", runId).emit();
    }

    /**
     * One persona reply: provider calls, errors, throttles, tokens and dollars (the bundled price table), by
     * provider kind. {@code responder} is the responder's name, {@code provider:model}.
     */
    public static void reply(String responder, PersonaReply reply, boolean throttled) {
        Metrics m = Metrics.of("ExecuteStep").dimension(Metrics.Dimension.Provider, word(responder));
        if (throttled) {
            m.count("ProviderThrottles", 1).emit();
            return;
        }
        if (reply == null) return;
        Usage u = reply.usage() == null ? Usage.NONE : reply.usage();
        if (u.calls() == 0 && reply.providerError() == null) return; // the offline engine: no provider involved
        m.count("ProviderCalls", u.calls()).count("ProviderErrors", reply.providerError() == null ? 0 : 1)
                .count("InputTokens", u.inputTokens()).count("OutputTokens", u.outputTokens())
                .count("CachedInputTokens", u.cachedInputTokens());
        int colon = responder == null ? -1 : responder.indexOf(':');
        if (colon > 0) m.put("LlmCostUsd", Prices.TABLE.cost(responder.substring(colon + 1), u), "None");
        m.emit();
    }

    /** Loaded on first use (a resource read), then kept for the container's life. */
    private static final class Prices {
        static final PriceTable TABLE = dev.rehearsal.functions.llm.LambdaPrices.table();
    }

    public static void walkFinished(long millis) {
        Metrics.of("FinishSimulation").put("WalkDuration", millis, "Milliseconds").emit();
    }

    /** The leading word of a reason or name, as a bounded dimension value ("timed_out: ..." -> timed_out). */
    public static String word(String s) {
        if (s == null || s.isBlank()) return "unknown";
        String w = s.trim().split("[\\s:]", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        if (w.isEmpty() || !Character.isLetter(w.charAt(0))) w = "x" + w;
        return w.length() > 40 ? w.substring(0, 40) : w;
    }
}
