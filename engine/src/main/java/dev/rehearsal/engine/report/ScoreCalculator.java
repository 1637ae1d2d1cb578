package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Score 0–100, documented in docs/REPORT.md:
 * 100 − issue deductions (per distinct rule and step: critical 30, error 15, warning 5, capped at 25 for
 * warnings; errors and warnings weighted by the largest share of a persona's walks that showed them;
 * findings about the simulator or provider cost nothing) − 5 per (expectation, persona) whose
 * verdict is fail, capped at 40 − 10 × the share of transitions no walk took; and never above 40 while
 * a critical finding stands.
 */
public final class ScoreCalculator {
    static final int CRITICAL = 30, ERROR = 15, WARNING = 5, WARNING_CAP = 25;
    static final int PER_FAILED_EXPECTATION = 5, EXPECTATION_CAP = 40, COVERAGE_WEIGHT = 10, CRITICAL_CEILING = 40;

    private ScoreCalculator() {
    }

    public static Report.ScoreBreakdown breakdown(List<Issue> issues, List<ExpectationResult> results, Report.Coverage coverage) {
        // Per distinct (rule, step): the largest share of walks any persona showed it in (static findings: 1).
        Map<String, Issue> first = new LinkedHashMap<>();
        Map<String, Double> share = new HashMap<>();
        for (Issue i : issues) {
            if (!i.aboutWorkflow()) continue;
            String key = i.type() + "@" + i.stepId();
            first.putIfAbsent(key, i);
            double s = i.walks() == null || i.ofWalks() == null || i.ofWalks() == 0 ? 1.0 : (double) i.walks() / i.ofWalks();
            share.merge(key, s, Math::max);
        }
        double severe = 0, warnings = 0;
        boolean critical = false;
        for (Map.Entry<String, Issue> e : first.entrySet()) {
            Issue i = e.getValue();
            double s = share.get(e.getKey());
            if (i.severity() == Severity.CRITICAL) {
                // A critical finding costs its full weight in any walk: sending after STOP once is not a rate.
                severe += CRITICAL;
                critical = true;
            } else if (i.severity() == Severity.ERROR) severe += ERROR * s;
            else if (i.severity() == Severity.WARNING) warnings += WARNING * s;
        }
        int issueDeduction = (int) Math.round(severe + Math.min(warnings, WARNING_CAP));
        // Only a decided failure costs points: an undecided or inconclusive check is the sample's, not the workflow's.
        long failed = results.stream().filter(r -> r.verdictOrPassed() == Verdict.FAIL).count();
        int expectationDeduction = (int) Math.min(EXPECTATION_CAP, failed * PER_FAILED_EXPECTATION);
        int coverageDeduction = (int) Math.round(COVERAGE_WEIGHT * (1.0 - coverage.ratio()));
        return new Report.ScoreBreakdown(100, -issueDeduction, -expectationDeduction, -coverageDeduction, critical);
    }

    public static int score(Report.ScoreBreakdown b) {
        int s = b.base() + b.issues() + b.expectations() + b.coverage();
        if (b.criticalCap()) s = Math.min(s, CRITICAL_CEILING);
        return Math.max(0, Math.min(100, s));
    }
}
