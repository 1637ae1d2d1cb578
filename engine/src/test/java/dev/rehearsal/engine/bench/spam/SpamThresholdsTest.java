package dev.rehearsal.engine.bench.spam;

import dev.rehearsal.engine.validate.SpamFeatures;
import dev.rehearsal.engine.validate.SpamScorer;
import dev.rehearsal.engine.validate.SpamWeights;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bars, asserted on data the weights were not fitted to, so a refit or a rule change that
 * overfits fails the build. The full tables come from {@link SpamBenchmark}.
 */
class SpamThresholdsTest {

    @Test
    void heldOutMarketingIsSeparatedAtTheWarningBand() {
        List<LabelledMessage> heldout = SpamCorpora.marketing(SpamCorpora.MARKETING_HELDOUT);
        double[] s = SpamBenchmark.scores(heldout, SpamWeights.shipped());
        Roc.AtCut at = Roc.at(s, SpamBenchmark.labels(heldout), SpamScorer.WARNING_AT);
        assertTrue(at.fp() + at.tn() >= 60 && at.tp() + at.fn() >= 30, "held-out set too small: " + at);
        assertTrue(at.falsePositiveRate() <= 0.05, "legitimate marketing flagged: " + at);
        assertTrue(at.recall() >= 0.60, "spammy marketing flagged: " + at);
    }

    @Test
    void smsCollectionCrossValidatedMeetsTheBar() {
        Path shared = SpamCorpora.locateShared();
        assumeTrue(shared != null, "shared/spam-corpora not found above the working directory");
        SpamBenchmark.CrossValidation cv = SpamBenchmark.crossValidate(SpamCorpora.sms(shared),
                SpamCorpora.marketing(SpamCorpora.MARKETING_TRAIN), true);
        assertTrue(cv.meanAuc() >= 0.90, "cross-validated AUC " + cv);
        assertTrue(cv.hamFlagged() <= 0.02, "SMS ham flagged at warning " + cv);
    }

    @Test
    void shippedWeightsAreTheFitOfTheTrainingData() {
        Path shared = SpamCorpora.locateShared();
        assumeTrue(shared != null, "shared/spam-corpora not found above the working directory");
        SpamWeights fitted = SpamFit.fit(SpamCorpora.sms(shared), SpamCorpora.marketing(SpamCorpora.MARKETING_TRAIN)).weights();
        for (String rule : SpamFeatures.RULES)
            assertEquals(fitted.pointsFor(rule), SpamWeights.shipped().pointsFor(rule),
                    rule + ": spam-weights.json is stale; regenerate it with " + SpamBenchmark.FIT_COMMAND);
    }
}
