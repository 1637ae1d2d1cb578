package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The points each spam rule adds, fitted from labelled data by a logistic regression and shipped as
 * {@code spam-weights.json} beside this class. A rule's points are its fitted log-odds weight times
 * {@code pointsPerLogit}, the scale that puts the chosen warning cut at {@link SpamScorer#WARNING_AT}.
 * Regenerate with the command in docs/VALIDATION.md, never by hand.
 */
public record SpamWeights(int version, double intercept, double pointsPerLogit, Map<String, Integer> points) {
    public static final String RESOURCE = "spam-weights.json";

    /** The shipped weights; fails on first use if the file is missing a rule, so a stale file cannot ship. */
    public static SpamWeights shipped() {
        return Shipped.WEIGHTS;
    }

    /** Loaded on first use only (holder idiom), so the fit can build weights before the file exists. */
    private static final class Shipped {
        static final SpamWeights WEIGHTS = load();
    }

    public int pointsFor(String rule) {
        return points.getOrDefault(rule, 0);
    }

    private static SpamWeights load() {
        try (InputStream in = SpamWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static SpamWeights parse(JsonNode n) {
        if (n.path("version").asInt() != 1) throw new IllegalStateException(RESOURCE + ": /version must be 1");
        if (n.path("warning_at").asInt() != SpamScorer.WARNING_AT || n.path("error_at").asInt() != SpamScorer.ERROR_AT)
            throw new IllegalStateException(RESOURCE + ": /warning_at and /error_at must match SpamScorer (" + SpamScorer.WARNING_AT
                    + ", " + SpamScorer.ERROR_AT + ")");
        Map<String, Integer> points = new LinkedHashMap<>();
        for (String rule : SpamFeatures.RULES) {
            JsonNode p = n.path("points").path(rule);
            if (!p.isInt() || p.asInt() < 0) throw new IllegalStateException(RESOURCE + ": /points/" + rule + " must be an integer >= 0");
            points.put(rule, p.asInt());
        }
        return new SpamWeights(1, n.path("intercept").asDouble(), n.path("points_per_logit").asDouble(), Map.copyOf(points));
    }
}
