package dev.rehearsal.engine;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.ReportBuilder;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole rehearsal in-process: static validation, every persona's walk, expectations, optional
 * LLM analysis and recommendations, then the report. The CLI calls this; the AWS run performs the
 * same stages as separate state-machine steps.
 */
public final class Rehearsal {
    /** LLM-analysis thresholds mirror the rule-based spam checker's (docs/VALIDATION.md). */
    static final int LLM_SPAM_WARNING = 70;

    public record Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                       List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                       Consumer<PersonaRun> progress) {
    }

    private Rehearsal() {
    }

    public static Report run(Spec spec) {
        Workflow wf = spec.workflow();
        List<MessageAnalysis> analyses = spec.analyst() == null ? List.of() : analyse(wf, spec.analyst());
        List<PersonaRun> runs = new ArrayList<>();
        for (Persona p : spec.personas()) {
            PersonaRun r = SimulationRunner.run(wf, p, spec.responder(), spec.options());
            runs.add(r);
            if (spec.progress() != null) spec.progress().accept(r);
        }
        List<ExpectationResult> results = ExpectationEvaluator.evaluate(
                spec.expectations() == null ? List.of() : spec.expectations(), runs);
        Report.RunInfo info = new Report.RunInfo(spec.options().seed(), spec.options().start().toString(),
                spec.responder().name(), spec.personas().stream().map(Persona::id).toList());
        return report(wf, info, runs, results, analyses, spec.recommender());
    }

    /**
     * The report stage on its own, for callers that ran the personas elsewhere (the AWS run's
     * GenerateReport): static checks, findings from the LLM analyses, and the recommender's items
     * appended to the rule-based ones when one is configured.
     */
    public static Report report(Workflow wf, Report.RunInfo info, List<PersonaRun> runs, List<ExpectationResult> results,
                                List<MessageAnalysis> analyses, Recommender recommender) {
        List<Issue> issues = new ArrayList<>(Validators.validate(wf));
        issues.addAll(issuesFrom(wf, analyses));
        Report draft = ReportBuilder.build(wf, info, issues, runs, results, null, analyses);
        if (recommender == null) return draft;
        Recommender.Recommendations llm = recommender.recommend(wf.name(), digest(draft));
        if (llm == null || llm.items() == null || llm.items().isEmpty()) return draft;
        return ReportBuilder.build(wf, info, issues, runs, results, llm.items(), analyses);
    }

    /** Every message as its first recipient would see it (merge-field fallbacks rendered). */
    public static List<OutboundMessage> messages(Workflow wf) {
        List<OutboundMessage> out = new ArrayList<>();
        for (Step s : wf.steps()) {
            if (!s.type().sendsMessage()) continue;
            Channel ch = s.type() == StepType.SEND_SMS ? Channel.SMS : Channel.EMAIL;
            out.add(new OutboundMessage(s.id(), ch, s.subject() == null ? null : MergeFields.render(s.subject(), k -> null),
                    MergeFields.render(s.body(), k -> null)));
        }
        return out;
    }

    /** The analyst's reading of every message step, in step order. */
    public static List<MessageAnalysis> analyse(Workflow wf, MessageAnalyst analyst) {
        return analyse(wf, analyst, 1);
    }

    /**
     * The same, with up to {@code parallelism} messages analysed at once (each analysis is an LLM call that
     * mostly waits); the result keeps step order. The first failure is rethrown once every call has ended.
     */
    public static List<MessageAnalysis> analyse(Workflow wf, MessageAnalyst analyst, int parallelism) {
        List<OutboundMessage> messages = messages(wf);
        boolean marketing = wf.settings().marketing();
        if (parallelism <= 1 || messages.size() <= 1) {
            List<MessageAnalysis> out = new ArrayList<>();
            for (OutboundMessage m : messages) out.add(analyst.analyze(m, marketing));
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(parallelism, messages.size()));
        try {
            List<java.util.concurrent.Future<MessageAnalysis>> futures = new ArrayList<>();
            for (OutboundMessage m : messages) futures.add(pool.submit(() -> analyst.analyze(m, marketing)));
            List<MessageAnalysis> out = new ArrayList<>();
            RuntimeException first = null;
            for (java.util.concurrent.Future<MessageAnalysis> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while analysing messages", e);
                }
            }
            if (first != null) throw first;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Code turns the analyst's numbers into findings; the analyst's prose never decides a verdict. */
    public static List<Issue> issuesFrom(Workflow wf, List<MessageAnalysis> analyses) {
        List<Issue> out = new ArrayList<>();
        for (MessageAnalysis a : analyses) {
            if (a.providerError() != null) {
                out.add(Issue.of(Severity.INFO, "llm_analysis_failed", a.stepId(), wf.pointerOf(a.stepId()),
                        "message analysis unavailable: " + a.providerError(), null));
                continue;
            }
            if (a.spamRisk() >= LLM_SPAM_WARNING) {
                out.add(Issue.of(Severity.WARNING, "llm_spam_risk", a.stepId(), wf.pointerOf(a.stepId()),
                        "LLM rates spam risk " + a.spamRisk() + "/100: " + String.join("; ", a.reasons()),
                        a.suggestions() == null || a.suggestions().isEmpty() ? "Rewrite the message in a plainer, personal tone."
                                : a.suggestions().get(0)));
            }
            if ("aggressive".equalsIgnoreCase(a.tone())) {
                out.add(Issue.of(Severity.WARNING, "tone_issue", a.stepId(), wf.pointerOf(a.stepId()),
                        "LLM reads the tone of '" + a.stepId() + "' as aggressive",
                        "Soften the wording: drop pressure phrases and all-caps, lead with the benefit."));
            }
        }
        return out;
    }

    /** A compact digest for the recommender: findings, paths and coverage, never whole transcripts. */
    static String digest(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("Score ").append(r.score()).append("/100. ").append(r.summary()).append('\n');
        b.append("Findings:\n");
        r.issues().stream().limit(25).forEach(i -> b.append("- [").append(i.severity().wire()).append("] ")
                .append(i.type()).append(" at ").append(i.stepId()).append(": ").append(i.message()).append('\n'));
        b.append("Persona paths:\n");
        for (Report.PersonaResult p : r.personas()) {
            b.append("- ").append(p.name()).append(": ").append(String.join(" > ", p.path())).append(" (")
                    .append(p.endReason()).append(", ").append(p.replies()).append(" replies, likely to convert ")
                    .append(p.likelyToConvert()).append(")\n");
        }
        b.append("Uncovered transitions: ").append(String.join("; ", r.coverage().uncovered())).append('\n');
        return b.toString();
    }
}
