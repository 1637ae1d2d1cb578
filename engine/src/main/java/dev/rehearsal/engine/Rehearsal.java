package dev.rehearsal.engine;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.flow.FlowAnalysis;
import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.hunt.BranchHunter;
import dev.rehearsal.engine.hunt.HuntResult;
import dev.rehearsal.engine.hunt.Hunting;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.ReportBuilder;
import dev.rehearsal.engine.report.SimulationFindings;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.validate.SpamScorer;
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
    /** LLM-analysis bands are the rule-based spam scorer's (docs/VALIDATION.md): warning from 40, error from 70. */
    static final int LLM_SPAM_WARNING = SpamScorer.WARNING_AT, LLM_SPAM_ERROR = SpamScorer.ERROR_AT;

    /**
     * {@code runs}: walks per persona (null: one); {@code concurrency}: walks in flight at once (the
     * responder must be thread-safe when it is above 1); {@code progress} hears of each persona once its
     * walks of the current look are done; {@code classifier} reads replies for conditions and opt-outs
     * (null: the code rules); {@code hunt}: search scripted leads for the transitions no walk took (no LLM
     * calls; on unless turned off).
     */
    public record Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                       List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                       Progress progress, Runs runs, int concurrency, ReplyClassifier classifier, boolean hunt) {
        public Spec {
            if (classifier == null) classifier = ReplyClassifier.rules();
        }

        public Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                    List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                    Progress progress, Runs runs, int concurrency) {
            this(workflow, personas, responder, options, expectations, analyst, recommender, progress, runs, concurrency, null, true);
        }

        public Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                    List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                    Progress progress, Runs runs, int concurrency, ReplyClassifier classifier) {
            this(workflow, personas, responder, options, expectations, analyst, recommender, progress, runs, concurrency,
                    classifier, true);
        }

        public Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                    List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                    Consumer<PersonaRun> progress, boolean hunt) {
            this(workflow, personas, responder, options, expectations, analyst, recommender,
                    progress == null ? null : (p, walks, planned) -> walks.forEach(progress), null, 1, null, hunt);
        }

        public Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                    List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                    Consumer<PersonaRun> progress, ReplyClassifier classifier) {
            this(workflow, personas, responder, options, expectations, analyst, recommender,
                    progress == null ? null : (p, walks, planned) -> walks.forEach(progress), null, 1, classifier, true);
        }

        public Spec(Workflow workflow, List<Persona> personas, PersonaResponder responder, SimulationOptions options,
                    List<Expectation> expectations, MessageAnalyst analyst, Recommender recommender,
                    Consumer<PersonaRun> progress) {
            this(workflow, personas, responder, options, expectations, analyst, recommender, progress, null);
        }
    }

    /** Called when a persona has finished its walks so far (from a worker thread; calls are serialised). */
    @FunctionalInterface
    public interface Progress {
        void personaWalked(Persona persona, List<PersonaRun> walks, int planned);
    }

    private Rehearsal() {
    }

    public static Report run(Spec spec) {
        Walked w = walk(spec);
        return report(spec.workflow(), w.info(), w.runs(), w.expectations(), w.results(), w.analyses(), spec.recommender(),
                spec.options(), spec.hunt());
    }

    /** Everything the walks produced, before the report is built. */
    public record Walked(Report.RunInfo info, List<PersonaRun> runs, List<Expectation> expectations,
                         List<ExpectationResult> results, List<MessageAnalysis> analyses) {
    }

    /** Analyses the messages and walks the personas (in looks, for {@code runs: auto}) without building the report. */
    public static Walked walk(Spec spec) {
        Workflow wf = spec.workflow();
        List<Expectation> expectations = spec.expectations() == null ? List.of() : spec.expectations();
        Runs runs = spec.runs() == null ? Runs.of(1) : spec.runs();
        // Message analysis is independent of the walks: with a provider it runs beside them, not before them, and
        // starts once the first wave of walks has its first replies back. The walks are the run's longest chain of
        // calls and the analyses (one call each) have slack: on a cold JVM they must not take the cores the walks'
        // first requests are built on (docs/PERFORMANCE.md, "Fourth round").
        FirstRepliesGate firstReplies = spec.analyst() != null && spec.concurrency() > 1
                ? new FirstRepliesGate(Math.min(spec.concurrency(), spec.personas().size() * Math.max(1, runs.nextLook(0, false))))
                : null;
        java.util.concurrent.CompletableFuture<List<MessageAnalysis>> analysing = spec.analyst() == null
                ? java.util.concurrent.CompletableFuture.completedFuture(List.of())
                : firstReplies != null ? java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            firstReplies.await();
                            return analyse(wf, spec.analyst(), spec.concurrency());
                        },
                        r -> WalkPool.daemon(r, "rehearsal-analysis").start())
                : java.util.concurrent.CompletableFuture.completedFuture(analyse(wf, spec.analyst()));
        WalkPool pool = new WalkPool(wf, spec.personas(), firstReplies == null ? spec.responder() : firstReplies.counting(spec.responder()),
                spec.options(), spec.concurrency(), spec.progress(), spec.classifier(), firstReplies == null ? null : firstReplies::walkEnded);
        List<ExpectationResult> results = List.of();
        int walked = 0;
        try {
            for (int look = runs.nextLook(0, false); look > 0; look = runs.nextLook(walked, ExpectationEvaluator.anyUndecided(results))) {
                pool.walk(walked, look);
                walked = look;
                // After the walks: an LLM responder knows by now which model version answered.
                results = ExpectationEvaluator.evaluate(expectations, pool.runs(), runs.confidence(), spec.responder().info().label());
            }
        } finally {
            if (firstReplies != null) firstReplies.open(); // walks that never asked for a reply, or failed: never leave it waiting
        }
        Report.RunInfo info = new Report.RunInfo(spec.options().seed(), spec.options().start().toString(),
                spec.responder().name(), spec.personas().stream().map(Persona::id).toList());
        if (spec.responder().info().model() != null) info = info.withResponderInfo(spec.responder().info());
        if (runs.isAuto() || walked > 1) info = info.withWalks(walked, runs.toString(), runs.confidence(), stopping(runs, walked));
        return new Walked(info, pool.runs(), expectations, results, analysing.join());
    }

    /** The report's stopping-rule line (run.stopping); the AWS run's GenerateReport writes the same. */
    public static String stopping(Runs runs, int walked) {
        if (!runs.isAuto()) return "fixed: " + walked + " walks per persona, intervals at 95%";
        return "sequential: looks at " + runs.looks() + " walks, each at " + Math.round(runs.confidence() * 1000) / 10.0
                + "% (Bonferroni over " + runs.looks().size() + " looks, family error at most 5%); stopped after "
                + walked + (walked < Runs.AUTO_LOOKS[Runs.AUTO_LOOKS.length - 1] ? " with every expectation decided"
                : " (the cap)");
    }

    public static Report report(Workflow wf, Report.RunInfo info, List<PersonaRun> runs, List<ExpectationResult> results,
                                List<MessageAnalysis> analyses, Recommender recommender) {
        return report(wf, info, runs, List.of(), results, analyses, recommender);
    }

    /** As above; {@code hunt} runs the branch hunt (scripted leads, no LLM) with the walks' simulation options. */
    public static Report report(Workflow wf, Report.RunInfo info, List<PersonaRun> runs, List<ExpectationResult> results,
                                List<MessageAnalysis> analyses, Recommender recommender, SimulationOptions options,
                                boolean hunt) {
        return report(wf, info, runs, List.of(), results, analyses, recommender, options, hunt);
    }

    /**
     * The report stage on its own, for callers that ran the personas elsewhere (the AWS run's
     * GenerateReport): static checks, findings from the LLM analyses, and the recommender's items
     * appended to the rule-based ones when one is configured.
     */
    public static Report report(Workflow wf, Report.RunInfo info, List<PersonaRun> runs, List<Expectation> expectations,
                                List<ExpectationResult> results, List<MessageAnalysis> analyses, Recommender recommender) {
        java.time.LocalDateTime start;
        try {
            start = java.time.LocalDateTime.parse(info.startAt());
        } catch (RuntimeException e) {
            start = SimulationOptions.DEFAULT_START; // a run info without a parseable start: hunt from the default
        }
        SimulationOptions options = SimulationOptions.defaults(info.seed()).withStart(start);
        return report(wf, info, runs, expectations, results, analyses, recommender, options, true);
    }

    /** The report stage with the branch hunt's options; everything else delegates here. */
    public static Report report(Workflow wf, Report.RunInfo info, List<PersonaRun> runs, List<Expectation> expectations,
                                List<ExpectationResult> results, List<MessageAnalysis> analyses, Recommender recommender,
                                SimulationOptions options, boolean hunt) {
        List<Issue> issues = new ArrayList<>(Validators.validate(wf));
        issues.addAll(issuesFrom(wf, analyses));
        FlowFacts facts = FlowAnalysis.of(wf);
        List<Issue> known = new ArrayList<>(issues);
        known.addAll(SimulationFindings.of(wf, runs));
        HuntResult found = Hunting.run(wf, facts, runs, options, known, hunt, BranchHunter.DEFAULT_BUDGET);
        ReportBuilder.Branches branches = new ReportBuilder.Branches(facts, found);
        Report draft = ReportBuilder.build(wf, info, issues, runs, expectations, results, null, analyses, null, branches);
        if (recommender == null) return draft;
        Recommender.Recommendations llm = recommender.recommend(wf.name(), digest(draft, wf));
        if (llm == null) return draft;
        // Items the rule-based recommendations already make are dropped: the model was told not to repeat them.
        List<String> fresh = llm.items() == null ? List.of() : llm.items().stream()
                .filter(i -> draft.recommendations().stream().noneMatch(r -> r.equalsIgnoreCase(i.strip()))).toList();
        return ReportBuilder.build(wf, info, issues, runs, expectations, results, fresh.isEmpty() ? null : fresh, analyses,
                llm.usage(), branches);
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
                out.add(Issue.of(a.spamRisk() >= LLM_SPAM_ERROR ? Severity.ERROR : Severity.WARNING, "llm_spam_risk", a.stepId(),
                        wf.pointerOf(a.stepId()), "LLM rates spam risk " + a.spamRisk() + "/100 ("
                                + (a.spamRisk() >= LLM_SPAM_ERROR ? "high" : "elevated") + "): " + String.join("; ", a.reasons()),
                        a.suggestions() == null || a.suggestions().isEmpty() ? "Rewrite the message in a plainer, personal tone."
                                : a.suggestions().get(0)));
            }
            // Tone bands (the analysis rubric): aggressive and pushy warn, urgent informs, the rest pass.
            String tone = a.tone() == null ? "" : a.tone().toLowerCase(java.util.Locale.ROOT);
            if (tone.equals("aggressive") || tone.equals("pushy") || tone.equals("urgent")) {
                out.add(Issue.of(tone.equals("urgent") ? Severity.INFO : Severity.WARNING, "tone_issue", a.stepId(),
                        wf.pointerOf(a.stepId()), "LLM reads the tone of '" + a.stepId() + "' as " + tone,
                        "Soften the wording: drop pressure phrases and all-caps, give the reader room to say no, lead with the benefit."));
            }
        }
        return out;
    }

    /**
     * A compact digest for the recommender: every step with its settings and message (outside text quoted as
     * JSON strings, so no message or reply can pose as the digest's own structure), findings, failed
     * expectations with their evidence, paths, coverage, and the rule-based recommendations it must not repeat.
     * Never whole transcripts.
     */
    static String digest(Report r, Workflow wf) {
        StringBuilder b = new StringBuilder();
        b.append("Score ").append(r.score()).append("/100. ").append(Json.write(r.summary())).append('\n');
        b.append("Steps (id, type, settings as JSON, next):\n");
        for (Step s : wf.steps()) {
            b.append("- ").append(s.id()).append(" (").append(s.type().wireName()).append(") ")
                    .append(s.config() == null ? "{}" : Json.write(s.config()));
            if (s.next() != null) b.append(" next=").append(s.next());
            b.append('\n');
        }
        b.append("Findings:\n");
        r.issues().stream().limit(25).forEach(i -> b.append("- [").append(i.severity().wire()).append("] ")
                .append(i.type()).append(" at ").append(i.stepId()).append(": ").append(Json.write(i.message())).append('\n'));
        b.append("Failed expectations:\n");
        r.expectations().stream().filter(e -> !e.passed()).limit(25).forEach(e -> b.append("- ").append(e.expectation())
                .append(e.persona() == null ? "" : " for " + e.persona()).append(": ").append(Json.write(e.evidence())).append('\n'));
        b.append("Already recommended by the rules (do not repeat):\n");
        r.recommendations().forEach(x -> b.append("- ").append(Json.write(x)).append('\n'));
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
