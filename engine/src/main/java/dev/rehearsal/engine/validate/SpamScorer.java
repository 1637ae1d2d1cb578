package dev.rehearsal.engine.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores how much a message looks like spam to carriers' and mailbox providers' filters: the points
 * of every rule that fires (each rule counts once), summed and capped at 100. Which rules exist is
 * {@link SpamFeatures}; how many points each is worth is fitted from labelled messages
 * ({@link SpamWeights}, docs/VALIDATION.md), so the score ranks messages as real spam and real
 * marketing rank.
 */
public final class SpamScorer {
    /** Score bands: below {@link #WARNING_AT} none, from it a warning, from {@link #ERROR_AT} an error. */
    public static final int WARNING_AT = 40;
    public static final int ERROR_AT = 70;

    /** One rule that fired, with its points and the text that made it fire. */
    public record Hit(String rule, int weight, String evidence) {
        @Override
        public String toString() {
            return rule + " +" + weight + " (" + evidence + ")";
        }
    }

    public record Score(int score, List<Hit> hits) {
    }

    public enum Channel { SMS, EMAIL }

    private SpamScorer() {
    }

    public static Score score(String text, Channel channel) {
        return score(text, channel, SpamWeights.shipped());
    }

    /** Scores with the given weights; rules worth 0 points are left out of the hits. */
    public static Score score(String text, Channel channel, SpamWeights weights) {
        List<Hit> hits = new ArrayList<>();
        int sum = 0;
        for (Map.Entry<String, String> e : SpamFeatures.detect(text, channel).entrySet()) {
            int points = weights.pointsFor(e.getKey());
            if (points == 0) continue;
            hits.add(new Hit(e.getKey(), points, e.getValue()));
            sum += points;
        }
        return new Score(Math.min(100, sum), hits);
    }
}
