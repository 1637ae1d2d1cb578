package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.hunt.HuntResult;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.WalkCause;
import dev.rehearsal.engine.sim.Walks;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aggregates static issues, every walk of every persona and the expectation verdicts into a
 * {@link Report}. With one walk per persona the report reads as it always has; with many, personas
 * show path distributions, findings their walk counts, and the run a verdict from the rates.
 */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /** A report without per-walk failure details (callers that judged no expectations). */
    public static Report build(Workflow wf, Report.RunInfo run, List<Issue> staticIssues, List<PersonaRun> runs,
                               List<ExpectationResult> results, List<String> extraRecommendations,
                               List<MessageAnalysis> analyses) {
        return build(wf, run, staticIssues, runs, List.of(), results, extraRecommendations, analyses, null, null);
    }

    /** As above with the expectations (for failure clusters and worst walks); {@code extraUsage} is what calls
     * outside the walks and analyses cost (the recommender's). */
    public static Report build(Workflow wf, Report.RunInfo run, List<Issue> staticIssues, List<PersonaRun> runs,
                               List<Expectation> expectations, List<ExpectationResult> results,
                               List<String> extraRecommendations, List<MessageAnalysis> analyses, Usage extraUsage) {
        return build(wf, run, staticIssues, runs, expectations, results, extraRecommendations, analyses, extraUsage, null);
    }

    /**
     * The whole report. With the branch hunt's outcome ({@code branches}), every transition gets a status in
     * the coverage section, and the witnesses' error-level findings count in the score and verdict like any
     * other finding.
     */
    public static Report build(Workflow wf, Report.RunInfo run, List<Issue> staticIssues, List<PersonaRun> runs,
                               List<Expectation> expectations, List<ExpectationResult> results,
                               List<String> extraRecommendations, List<MessageAnalysis> analyses, Usage extraUsage,
                               Branches branches) {
        Map<String, List<PersonaRun>> byPersona = Walks.byPersona(runs);
        List<Issue> issues = new ArrayList<>(staticIssues);
        issues.addAll(SimulationFindings.of(wf, byPersona));
        issues.addAll(ReplyDrops.of(wf, runs));
        issues.addAll(AttributionFindings.of(wf, byPersona, analyses));
        if (branches != null) issues.addAll(branches.hunt().findings());
        issues.sort(Comparator.comparing(Issue::severity)
                .thenComparing(i -> i.stepId() == null ? -1 : wf.indexOf(i.stepId()))
                .thenComparing(Issue::type)
                .thenComparing(i -> i.persona() == null ? "" : i.persona()));
        Report.Coverage coverage = CoverageCalculator.of(wf, runs);
        if (branches != null) coverage = coverage.withStatuses(CoverageCalculator.statuses(wf, runs, branches.facts(), branches.hunt()));
        Report.ScoreBreakdown breakdown = ScoreCalculator.breakdown(issues, results, coverage);
        int score = ScoreCalculator.score(breakdown);
        WalkFailures failures = WalkFailures.of(expectations, byPersona);
        List<Report.PersonaResult> personas = new ArrayList<>();
        List<PersonaRun> representatives = new ArrayList<>();
        for (List<PersonaRun> walks : byPersona.values()) {
            PathDistribution paths = PathDistribution.of(walks);
            representatives.add(paths.representative());
            personas.add(personaResult(walks, paths, failures));
        }
        List<String> recs = new ArrayList<>(RuleRecommendations.of(wf, representatives, issues, coverage));
        if (extraRecommendations != null) recs.addAll(extraRecommendations);
        Report.Conversion conversion = conversion(runs, personas);
        Verdict verdict = verdict(runs, issues, results);
        Usage usage = runs.stream().map(r -> r.session().usage).reduce(Usage.NONE, Usage::plus);
        if (analyses != null) for (MessageAnalysis a : analyses) usage = usage.plus(a.usage());
        usage = usage.plus(extraUsage);
        String summary = summary(wf, byPersona, issues, results, coverage, score, verdict);
        return new Report(Report.REPORT_VERSION, Report.SCHEMA_VERSION,
                new Report.WorkflowInfo(wf.id(), wf.name(), wf.steps().size(),
                        wf.steps().stream().mapToInt(s -> s.transitions().size()).sum()),
                run, verdict, verdict == Verdict.PASS, score, breakdown, summary, issues, results,
                failures.clusters().isEmpty() ? null : failures.clusters(), coverage, conversion, personas, recs,
                analyses == null || analyses.isEmpty() ? null : analyses,
                usage.calls() == 0 ? null : usage);
    }

    /**
     * Fail on any failed expectation or error-level finding about the workflow; inconclusive when an
     * expectation is, or (with nothing to judge) when fewer than half of the walks were valid; then
     * undecided; else pass.
     */
    static Verdict verdict(List<PersonaRun> runs, List<Issue> issues, List<ExpectationResult> results) {
        if (issues.stream().anyMatch(Issue::failsRun)) return Verdict.FAIL;
        Verdict v = Verdict.combine(results.stream().map(ExpectationResult::verdictOrPassed).toList());
        if (v != Verdict.PASS) return v;
        long valid = runs.stream().filter(r -> !WalkCause.of(r).excluded()).count();
        return !runs.isEmpty() && valid * 2 < runs.size() ? Verdict.INCONCLUSIVE : Verdict.PASS;
    }

    private static Report.Conversion conversion(List<PersonaRun> runs, List<Report.PersonaResult> personas) {
        int avg = (int) Math.round(runs.stream().filter(r -> r.session().likelyToConvert != null)
                .mapToInt(r -> r.session().likelyToConvert).average().orElse(0));
        int goals = (int) personas.stream().filter(p -> !p.goals().isEmpty()).count();
        return new Report.Conversion(avg, goals, personas.size());
    }

    /** The data-flow facts and the hunt's outcome, for transition statuses. */
    public record Branches(FlowFacts facts, HuntResult hunt) {
    }

    static Report.PersonaResult personaResult(List<PersonaRun> walks, PathDistribution paths, WalkFailures failures) {
        PersonaRun r = paths.representative();
        var c = r.session().contact;
        List<String> opted = new ArrayList<>();
        if (c.smsOptedOutAt != null) opted.add("sms");
        if (c.emailUnsubscribedAt != null) opted.add("email");
        int sent = (int) r.interactions().stream().filter(i -> i.message() != null).count();
        int replies = (int) r.interactions().stream().filter(i -> i.reply() != null && i.reply().replied()).count();
        boolean many = walks.size() > 1;
        Map<String, Integer> causes = new java.util.TreeMap<>();
        for (PersonaRun w : walks) causes.merge(WalkCause.of(w).wire(), 1, Integer::sum);
        int goalWalks = (int) walks.stream().filter(w -> !w.session().contact.goals.isEmpty()).count();
        return new Report.PersonaResult(r.persona().id(), r.persona().name(), r.session().endReason.wire(),
                List.copyOf(c.goals), sent, replies, opted.isEmpty() ? null : opted, r.session().likelyToConvert,
                r.interactions().stream().map(Interaction::stepId).toList(), r.interactions(),
                many ? walks.size() : null, many ? goalWalks : null,
                many || !causes.containsKey(WalkCause.WORKFLOW.wire()) ? causes : null,
                many ? paths.shares() : null, failures.worst(r.persona().id(), walks));
    }

    private static String summary(Workflow wf, Map<String, List<PersonaRun>> byPersona, List<Issue> issues,
                                  List<ExpectationResult> results, Report.Coverage coverage, int score, Verdict verdict) {
        long critical = issues.stream().filter(i -> i.severity() == Severity.CRITICAL && i.aboutWorkflow()).count();
        long errors = issues.stream().filter(i -> i.severity() == Severity.ERROR && i.aboutWorkflow()).count();
        long warnings = issues.stream().filter(i -> i.severity() == Severity.WARNING && i.aboutWorkflow()).count();
        long passed = results.stream().filter(r -> r.verdictOrPassed() == Verdict.PASS).count();
        long undecided = results.stream().filter(r -> r.verdictOrPassed() == Verdict.UNDECIDED).count();
        long inconclusive = results.stream().filter(r -> r.verdictOrPassed() == Verdict.INCONCLUSIVE).count();
        int walks = byPersona.values().stream().mapToInt(List::size).max().orElse(0);
        String who;
        if (walks <= 1) {
            long goals = byPersona.values().stream().filter(w -> !w.get(0).session().contact.goals.isEmpty()).count();
            who = byPersona.size() + " persona(s) walked it; " + goals + " reached a goal.";
        } else {
            long all = byPersona.values().stream().mapToLong(List::size).sum();
            long goals = byPersona.values().stream().flatMap(List::stream)
                    .filter(w -> !w.session().contact.goals.isEmpty()).count();
            long excluded = byPersona.values().stream().flatMap(List::stream).filter(w -> WalkCause.of(w).excluded()).count();
            who = byPersona.size() + " persona(s) x " + walks + " walks; " + Math.round(100.0 * goals / all)
                    + "% of walks reached a goal" + (excluded == 0 ? "." : "; " + excluded + " walk(s) excluded (not the workflow's doing).");
        }
        String open = undecided + inconclusive == 0 ? "" : " (" + (undecided == 0 ? "" : undecided + " undecided")
                + (undecided > 0 && inconclusive > 0 ? ", " : "") + (inconclusive == 0 ? "" : inconclusive + " inconclusive") + ")";
        return String.format(Locale.ROOT, "%s '%s': score %d/100. %s %d critical, %d error, "
                        + "%d warning finding(s). %d of %d expectation check(s) passed%s. %d%% of transitions covered.",
                word(verdict), wf.name(), score, who, critical, errors, warnings, passed, results.size(), open,
                coverage.percent());
    }

    static String word(Verdict v) {
        return switch (v) {
            case PASS -> "PASSED";
            case FAIL -> "FAILED";
            case UNDECIDED -> "UNDECIDED";
            case INCONCLUSIVE -> "INCONCLUSIVE";
        };
    }
}
