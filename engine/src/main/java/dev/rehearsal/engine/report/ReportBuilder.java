package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.hunt.HuntResult;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Aggregates static issues, persona runs and expectation results into a {@link Report}. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static Report build(Workflow wf, Report.RunInfo run, List<Issue> staticIssues, List<PersonaRun> runs,
                               List<ExpectationResult> results, List<String> extraRecommendations,
                               List<MessageAnalysis> analyses) {
        return build(wf, run, staticIssues, runs, results, extraRecommendations, analyses, null);
    }

    /**
     * As above, with the branch hunt's outcome: every transition gets a status in the coverage section,
     * and the witnesses' error-level findings count in the score and verdict like any other finding.
     */
    public static Report build(Workflow wf, Report.RunInfo run, List<Issue> staticIssues, List<PersonaRun> runs,
                               List<ExpectationResult> results, List<String> extraRecommendations,
                               List<MessageAnalysis> analyses, Branches branches) {
        List<Issue> issues = new ArrayList<>(staticIssues);
        issues.addAll(SimulationFindings.of(wf, runs));
        issues.addAll(ReplyDrops.of(wf, runs));
        if (branches != null) issues.addAll(branches.hunt().findings());
        issues.sort(Comparator.comparing(Issue::severity)
                .thenComparing(i -> i.stepId() == null ? -1 : wf.indexOf(i.stepId()))
                .thenComparing(Issue::type)
                .thenComparing(i -> i.persona() == null ? "" : i.persona()));
        Report.Coverage coverage = CoverageCalculator.of(wf, runs);
        if (branches != null) coverage = coverage.withStatuses(CoverageCalculator.statuses(wf, runs, branches.facts(), branches.hunt()));
        Report.ScoreBreakdown breakdown = ScoreCalculator.breakdown(issues, results, coverage);
        int score = ScoreCalculator.score(breakdown);
        List<String> recs = new ArrayList<>(RuleRecommendations.of(wf, runs, issues, coverage));
        if (extraRecommendations != null) recs.addAll(extraRecommendations);
        List<Report.PersonaResult> personas = runs.stream().map(ReportBuilder::personaResult).toList();
        int avg = (int) Math.round(personas.stream().filter(p -> p.likelyToConvert() != null)
                .mapToInt(Report.PersonaResult::likelyToConvert).average().orElse(0));
        int goals = (int) runs.stream().filter(r -> !r.session().contact.goals.isEmpty()).count();
        Report.Conversion conversion = new Report.Conversion(avg, goals, runs.size());
        boolean passed = results.stream().allMatch(ExpectationResult::passed)
                && issues.stream().noneMatch(i -> i.severity().failsRun());
        Usage usage = runs.stream().map(r -> r.session().usage).reduce(Usage.NONE, Usage::plus);
        if (analyses != null) for (MessageAnalysis a : analyses) usage = usage.plus(a.usage());
        String summary = summary(wf, runs, issues, results, coverage, score, passed);
        return new Report(Report.SCHEMA_VERSION,
                new Report.WorkflowInfo(wf.id(), wf.name(), wf.steps().size(),
                        wf.steps().stream().mapToInt(s -> s.transitions().size()).sum()),
                run, passed, score, breakdown, summary, issues, results, coverage, conversion, personas, recs,
                analyses == null || analyses.isEmpty() ? null : analyses,
                usage.calls() == 0 ? null : usage);
    }

    /** The data-flow facts and the hunt's outcome, for transition statuses. */
    public record Branches(FlowFacts facts, HuntResult hunt) {
    }

    static Report.PersonaResult personaResult(PersonaRun r) {
        var c = r.session().contact;
        List<String> opted = new ArrayList<>();
        if (c.smsOptedOutAt != null) opted.add("sms");
        if (c.emailUnsubscribedAt != null) opted.add("email");
        int sent = (int) r.interactions().stream().filter(i -> i.message() != null).count();
        int replies = (int) r.interactions().stream().filter(i -> i.reply() != null && i.reply().replied()).count();
        return new Report.PersonaResult(r.persona().id(), r.persona().name(), r.session().endReason.wire(),
                List.copyOf(c.goals), sent, replies, opted.isEmpty() ? null : opted, r.session().likelyToConvert,
                r.interactions().stream().map(Interaction::stepId).toList(), r.interactions());
    }

    private static String summary(Workflow wf, List<PersonaRun> runs, List<Issue> issues, List<ExpectationResult> results,
                                  Report.Coverage coverage, int score, boolean passed) {
        long critical = issues.stream().filter(i -> i.severity() == Severity.CRITICAL).count();
        long errors = issues.stream().filter(i -> i.severity() == Severity.ERROR).count();
        long warnings = issues.stream().filter(i -> i.severity() == Severity.WARNING).count();
        long failed = results.stream().filter(r -> !r.passed()).count();
        long goals = runs.stream().filter(r -> !r.session().contact.goals.isEmpty()).count();
        return String.format(java.util.Locale.ROOT, "%s '%s': score %d/100. %d persona(s) walked it; %d reached a goal. %d critical, %d error, "
                        + "%d warning finding(s). %d of %d expectation check(s) passed. %d%% of transitions covered.",
                passed ? "PASSED" : "FAILED", wf.name(), score, runs.size(), goals, critical, errors, warnings,
                results.size() - failed, results.size(), coverage.percent());
    }
}
