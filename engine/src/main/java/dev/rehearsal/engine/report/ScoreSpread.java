package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.Walks;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much a run's score moves from walk to walk: the score recomputed on bootstrap resamples of the
 * walks (each persona's walks drawn with replacement), reported as the half-width of the central 95%
 * of those scores. A nightly score drop smaller than this is noise.
 */
public final class ScoreSpread {
    private ScoreSpread() {
    }

    public static double halfWidth(Workflow wf, Report.RunInfo info, List<Issue> staticIssues, List<PersonaRun> runs,
                                   List<Expectation> expectations, int resamples, long seed) {
        var byPersona = Walks.byPersona(runs);
        if (byPersona.values().stream().allMatch(w -> w.size() < 2)) return 0;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] scores = new int[resamples];
        for (int b = 0; b < resamples; b++) {
            List<PersonaRun> sample = new ArrayList<>();
            for (List<PersonaRun> walks : byPersona.values()) {
                for (int i = 0; i < walks.size(); i++) sample.add(walks.get(rnd.nextInt(walks.size())));
            }
            List<ExpectationResult> results = ExpectationEvaluator.evaluate(expectations, sample);
            scores[b] = ReportBuilder.build(wf, info, staticIssues, sample, results, null, null).score();
        }
        Arrays.sort(scores);
        int lo = scores[(int) Math.floor(0.025 * (resamples - 1))], hi = scores[(int) Math.ceil(0.975 * (resamples - 1))];
        return (hi - lo) / 2.0;
    }
}
