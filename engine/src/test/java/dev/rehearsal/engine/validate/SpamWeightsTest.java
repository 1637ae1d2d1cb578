package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SpamWeightsTest {
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode valid() {
        ObjectNode n = json.createObjectNode().put("version", 1).put("intercept", -4.0).put("points_per_logit", 28.0)
                .put("warning_at", SpamScorer.WARNING_AT).put("error_at", SpamScorer.ERROR_AT);
        ObjectNode points = n.putObject("points");
        for (String rule : SpamFeatures.RULES) points.put(rule, 10);
        return n;
    }

    @Test
    void shippedWeightsCoverEveryRuleAndTheBands() {
        SpamWeights w = SpamWeights.shipped();
        assertEquals(SpamFeatures.RULES.size(), w.points().size());
        assertTrue(w.pointsPerLogit() > 0);
        assertTrue(SpamFeatures.RULES.stream().anyMatch(r -> w.pointsFor(r) >= SpamScorer.WARNING_AT), "some rule must warn on its own");
    }

    @Test
    void aValidFileParses() {
        assertEquals(10, SpamWeights.parse(valid()).pointsFor("cash"));
    }

    @Test
    void aMissingRuleIsRejectedWithItsPointer() {
        ObjectNode n = valid();
        ((ObjectNode) n.get("points")).remove("url_shortener");
        var e = assertThrows(IllegalStateException.class, () -> SpamWeights.parse(n));
        assertTrue(e.getMessage().contains("/points/url_shortener"), e.getMessage());
    }

    @Test
    void negativePointsAreRejected() {
        ObjectNode n = valid();
        ((ObjectNode) n.get("points")).put("cash", -5);
        var e = assertThrows(IllegalStateException.class, () -> SpamWeights.parse(n));
        assertTrue(e.getMessage().contains("/points/cash"), e.getMessage());
    }

    @Test
    void bandsThatDisagreeWithTheScorerAreRejected() {
        ObjectNode n = valid().put("warning_at", 50);
        var e = assertThrows(IllegalStateException.class, () -> SpamWeights.parse(n));
        assertTrue(e.getMessage().contains("/warning_at"), e.getMessage());
    }

    @Test
    void anUnknownVersionIsRejected() {
        var e = assertThrows(IllegalStateException.class, () -> SpamWeights.parse(valid().put("version", 2)));
        assertTrue(e.getMessage().contains("/version"), e.getMessage());
    }
}
