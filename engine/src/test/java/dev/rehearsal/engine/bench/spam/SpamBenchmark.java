package dev.rehearsal.engine.bench.spam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.validate.SpamFeatures;
import dev.rehearsal.engine.validate.SpamScorer;
import dev.rehearsal.engine.validate.SpamWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The spam benchmark (issue 18): how well the spam score separates real spam from real messages, per
 * corpus, with k-fold cross-validation of the fit. Prints the Markdown tables of docs/VALIDATION.md.
 * With {@code fit} it first refits the weights on the training data and rewrites
 * {@code engine/src/main/resources/dev/rehearsal/engine/validate/spam-weights.json}.
 *
 * <pre>mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.rehearsal.engine.bench.spam.SpamBenchmark [-Dexec.args=fit]</pre>
 * The SMS Spam Collection is read in place from {@code shared/spam-corpora/} beside an ancestor of the
 * working directory (or {@code -Dspam.corpora.dir}). The held-out marketing set is never fitted to.
 */
public final class SpamBenchmark {
    public static final int FOLDS = 5;
    static final long FOLD_SEED = 18;
    private static final String WEIGHTS_PATH = "src/main/resources/dev/rehearsal/engine/validate/" + SpamWeights.RESOURCE;
    public static final String FIT_COMMAND = "mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test "
            + "-Dexec.mainClass=dev.rehearsal.engine.bench.spam.SpamBenchmark -Dexec.args=fit";

    public static void main(String[] args) throws IOException {
        Path shared = SpamCorpora.locateShared();
        if (shared == null) throw new IllegalStateException("shared/spam-corpora/" + SpamCorpora.SMS_FILE
                + " not found above " + Path.of("").toAbsolutePath() + " (or set -Dspam.corpora.dir)");
        List<LabelledMessage> sms = SpamCorpora.sms(shared);
        List<LabelledMessage> train = SpamCorpora.marketing(SpamCorpora.MARKETING_TRAIN);
        List<LabelledMessage> heldout = SpamCorpora.marketing(SpamCorpora.MARKETING_HELDOUT);
        SpamWeights weights;
        if (args.length > 0 && args[0].equals("fit")) {
            SpamFit.Result r = SpamFit.fit(sms, train);
            write(r);
            weights = r.weights();
        } else {
            weights = SpamWeights.shipped();
        }
        System.out.println("### Data\n");
        System.out.println("| corpus | messages | spam | legitimate | used for |");
        System.out.println("| --- | ---: | ---: | ---: | --- |");
        data("SMS Spam Collection, training split (CC BY 4.0)", sms, "fit, 5-fold CV");
        data("our marketing set, training part", train, "fit, 5-fold CV");
        data("our marketing set, held out (written before tuning)", heldout, "report only");

        System.out.println("\n### Cross-validated (" + FOLDS + "-fold: weights and cut refitted without the fold, scored on it)\n");
        System.out.println("| corpus | ROC AUC, mean (min-max) | legitimate flagged at warning | spam flagged at warning |");
        System.out.println("| --- | ---: | ---: | ---: |");
        crossValidate("SMS Spam Collection", sms, train, true);
        crossValidate("our marketing set, training part", train, sms, false);

        System.out.println("\n### Shipped weights\n");
        System.out.println("| corpus | messages | ROC AUC | band | precision | recall (spam flagged) | false-positive rate (legitimate flagged) |");
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
        evaluate("SMS Spam Collection (in-sample)", sms, weights);
        evaluate("marketing, training part (in-sample)", train, weights);
        evaluate("**marketing, held out**", heldout, weights);
        evaluate("marketing, held out, SMS only", only(heldout, m -> m.channel() == SpamScorer.Channel.SMS), weights);
        evaluate("marketing, held out, email only", only(heldout, m -> m.channel() == SpamScorer.Channel.EMAIL), weights);

        System.out.println("\n### Rules: points and how often each fires (training data)\n");
        System.out.println("| rule | points | log-odds | SMS spam | SMS ham | marketing spam | marketing legitimate |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int j = 0; j < SpamFeatures.RULES.size(); j++) {
            String rule = SpamFeatures.RULES.get(j);
            int p = weights.pointsFor(rule);
            System.out.printf(Locale.ROOT, "| `%s` | %d | %.2f | %s | %s | %s | %s |%n", rule, p, p / weights.pointsPerLogit(),
                    rate(sms, j, true), rate(sms, j, false), rate(train, j, true), rate(train, j, false));
        }
    }

    private static void write(SpamFit.Result r) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("fitted_by", FIT_COMMAND);
        root.put("method", "L2-regularised logistic regression (lambda " + SpamFit.LAMBDA + ", IRLS, weights >= 0) on the SMS Spam "
                + "Collection training split and our marketing training set (each marketing message weighted " + SpamFit.MARKETING_SAMPLE_WEIGHT
                + "); warning cut chosen to flag at most " + pct(SpamFit.MAX_SMS_HAM_FLAGGED) + " of SMS ham and "
                + pct(SpamFit.MAX_MARKETING_HAM_FLAGGED) + " of legitimate marketing; soft rules " + new java.util.TreeSet<>(SpamFit.SOFT_RULES)
                + " held at " + SpamFit.SOFT_CAP + " x the cut; points = log-odds x points_per_logit");
        root.put("intercept", round(r.model().intercept()));
        root.put("cut_logit", round(r.cutLogit()));
        root.put("points_per_logit", round(r.weights().pointsPerLogit()));
        root.put("warning_at", SpamScorer.WARNING_AT);
        root.put("error_at", SpamScorer.ERROR_AT);
        ObjectNode points = root.putObject("points"), logit = root.putObject("logit");
        for (int j = 0; j < SpamFeatures.RULES.size(); j++) {
            String rule = SpamFeatures.RULES.get(j);
            points.put(rule, r.weights().pointsFor(rule));
            logit.put(rule, round(r.model().weights()[j]));
        }
        Path target = Files.isDirectory(Path.of("engine", "src")) ? Path.of("engine").resolve(WEIGHTS_PATH) : Path.of(WEIGHTS_PATH);
        Files.writeString(target, json.writeValueAsString(root) + "\n");
        System.out.println("wrote " + target + "\n");
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static void data(String name, List<LabelledMessage> ms, String use) {
        long spam = ms.stream().filter(LabelledMessage::spam).count();
        System.out.printf("| %s | %,d | %,d | %,d | %s |%n", name, ms.size(), spam, ms.size() - spam, use);
    }

    /** Stratified folds: spam and legitimate messages each shuffled with a fixed seed and dealt round-robin. */
    static int[] folds(List<LabelledMessage> ms) {
        int[] fold = new int[ms.size()];
        Random rnd = new Random(FOLD_SEED);
        for (boolean label : new boolean[]{true, false}) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) if (ms.get(i).spam() == label) idx.add(i);
            java.util.Collections.shuffle(idx, rnd);
            for (int k = 0; k < idx.size(); k++) fold[idx.get(k)] = k % FOLDS;
        }
        return fold;
    }

    /** Cross-validation figures of one corpus: AUC per fold and flagged shares pooled over the folds. */
    public record CrossValidation(double meanAuc, double minAuc, double maxAuc, double hamFlagged, double spamFlagged) {
    }

    /**
     * Refits without each fold of {@code corpus} (the other corpus stays whole in the training data) and
     * scores the fold with the shipped scorer and the refitted weights.
     */
    public static CrossValidation crossValidate(List<LabelledMessage> corpus, List<LabelledMessage> other, boolean corpusIsSms) {
        int[] fold = folds(corpus);
        double sum = 0, min = 1, max = 0;
        int ham = 0, hamFlagged = 0, spam = 0, spamFlagged = 0;
        for (int f = 0; f < FOLDS; f++) {
            List<LabelledMessage> fit = new ArrayList<>(), test = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) (fold[i] == f ? test : fit).add(corpus.get(i));
            SpamWeights w = corpusIsSms ? SpamFit.fit(fit, other).weights() : SpamFit.fit(other, fit).weights();
            double[] s = scores(test, w);
            boolean[] y = labels(test);
            double auc = Roc.auc(s, y);
            sum += auc;
            min = Math.min(min, auc);
            max = Math.max(max, auc);
            Roc.AtCut at = Roc.at(s, y, SpamScorer.WARNING_AT);
            ham += at.fp() + at.tn();
            hamFlagged += at.fp();
            spam += at.tp() + at.fn();
            spamFlagged += at.tp();
        }
        return new CrossValidation(sum / FOLDS, min, max, (double) hamFlagged / ham, (double) spamFlagged / spam);
    }

    private static void crossValidate(String name, List<LabelledMessage> corpus, List<LabelledMessage> other, boolean corpusIsSms) {
        CrossValidation cv = crossValidate(corpus, other, corpusIsSms);
        System.out.printf(Locale.ROOT, "| %s | %.3f (%.3f-%.3f) | %s | %s |%n", name, cv.meanAuc(), cv.minAuc(), cv.maxAuc(),
                pct(cv.hamFlagged()), pct(cv.spamFlagged()));
    }

    public static double[] scores(List<LabelledMessage> ms, SpamWeights w) {
        double[] s = new double[ms.size()];
        for (int i = 0; i < s.length; i++) s[i] = SpamScorer.score(ms.get(i).scoredText(), ms.get(i).channel(), w).score();
        return s;
    }

    public static boolean[] labels(List<LabelledMessage> ms) {
        boolean[] y = new boolean[ms.size()];
        for (int i = 0; i < y.length; i++) y[i] = ms.get(i).spam();
        return y;
    }

    private static void evaluate(String name, List<LabelledMessage> ms, SpamWeights w) {
        double[] s = scores(ms, w);
        boolean[] y = labels(ms);
        double auc = Roc.auc(s, y);
        for (int cut : new int[]{SpamScorer.WARNING_AT, SpamScorer.ERROR_AT}) {
            Roc.AtCut at = Roc.at(s, y, cut);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", cut == SpamScorer.WARNING_AT ? name : "",
                    cut == SpamScorer.WARNING_AT ? String.format(Locale.ROOT, "%,d", ms.size()) : "", cut == SpamScorer.WARNING_AT ? String.format(Locale.ROOT, "%.3f", auc) : "",
                    (cut == SpamScorer.WARNING_AT ? "warning (>= " : "error (>= ") + cut + ")",
                    pct(at.precision()), pct(at.recall()) + " (" + at.tp() + "/" + (at.tp() + at.fn()) + ")",
                    pct(at.falsePositiveRate()) + " (" + at.fp() + "/" + (at.fp() + at.tn()) + ")");
        }
    }

    private static List<LabelledMessage> only(List<LabelledMessage> ms, Predicate<LabelledMessage> p) {
        return ms.stream().filter(p).toList();
    }

    private static String rate(List<LabelledMessage> ms, int rule, boolean spam) {
        int n = 0, on = 0;
        for (LabelledMessage m : ms) {
            if (m.spam() != spam) continue;
            n++;
            if (SpamFit.features(m)[rule]) on++;
        }
        return pct((double) on / n);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
