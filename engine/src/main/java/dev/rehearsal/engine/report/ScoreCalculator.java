package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Score 0–100, documented in docs/REPORT.md:
 * 100 − issue deductions (per distinct rule and step: critical 30, error 15, warning 5, capped at 25 for
 * warnings) − 5 per failed (expectation, persona), capped at 40 − 10 × the share of transitions
 * no persona took; and never above 40 while a critical finding stands.
 */
public final class ScoreCalculator {
    static final int CRITICAL = 30, ERROR = 15, WARNING = 5, WARNING_CAP = 25;
    static final int PER_FAILED_EXPECTATION = 5, EXPECTATION_CAP = 40, COVERAGE_WEIGHT = 10, CRITICAL_CEILING = 40;

    private ScoreCalculator() {
    }

    public static Report.ScoreBreakdown breakdown(List<Issue> issues, List<ExpectationResult> results, Report.Coverage coverage) {
        Set<String> seen = new HashSet<>();
        int severe = 0, warnings = 0;
        boolean critical = false;
        for (Issue i : issues) {
            if (!seen.add(i.type() + "@" + i.stepId())) continue;
            if (i.severity() == Severity.CRITICAL) {
                severe += CRITICAL;
                critical = true;
            } else if (i.severity() == Severity.ERROR) severe += ERROR;
            else if (i.severity() == Severity.WARNING) warnings += WARNING;
        }
        int issueDeduction = severe + Math.min(warnings, WARNING_CAP);
        long failed = results.stream().filter(r -> !r.passed()).count();
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
