package dev.rehearsal.engine.expect;

import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.Simulator;

import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import dev.rehearsal.engine.sim.WalkCause;
import dev.rehearsal.engine.sim.Walks;
import dev.rehearsal.engine.stats.PassRate;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.stats.Verdict;

import java.util.ArrayList;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** Judges expectations against persona runs: pure code over paths and interaction flags. */
public final class ExpectationEvaluator {
    /** Failing walks listed by index in a result; the count is always complete. */
    static final int MAX_LISTED_WALKS = 20;

    private ExpectationEvaluator() {
    }

    /**
     * Expectations that name a step the workflow lacks, a goal no goal step sets, or a persona not in
     * the run: each would pass (or judge nobody) without testing anything, so they are bad input.
     * Pointers are relative to the expectations array ("/2/step").
     */
    public static List<Problem> problems(List<Expectation> expectations, Workflow wf, Set<String> personaIds) {
        List<Problem> out = new ArrayList<>();
        Set<String> goals = new HashSet<>();
        for (Step s : wf.steps()) if (s.type() == StepType.GOAL) goals.add(s.text("goal"));
        for (int i = 0; i < expectations.size(); i++) {
            Expectation e = expectations.get(i);
            if (e.step() != null && wf.step(e.step()) == null) {
                out.add(new Problem("/" + i + "/step", 0, 0, "unknown_step",
                        "expectation names step '" + e.step() + "', which the workflow does not have"));
            }
            if (e.goal() != null && !goals.contains(e.goal())) {
                out.add(new Problem("/" + i + "/goal", 0, 0, "unknown_goal",
                        "expectation names goal '" + e.goal() + "', which no goal step of the workflow sets"));
            }
            if (e.personas() != null) {
                for (int j = 0; j < e.personas().size(); j++) {
                    if (!personaIds.contains(e.personas().get(j))) {
                        out.add(new Problem("/" + i + "/personas/" + j, 0, 0, "unknown_persona",
                                "expectation names persona '" + e.personas().get(j) + "', who is not in this run"));
                    }
                }
            }
        }
        return out;
    }

    /** Rates over every walk in {@code runs}, at 95% confidence; one walk per persona gives today's verdicts. */
    /** True when any of these results is undecided: what keeps a {@code runs: auto} run walking (Runs.nextLook). */
    public static boolean anyUndecided(List<ExpectationResult> results) {
        return results.stream().anyMatch(r -> r.verdict() == dev.rehearsal.engine.stats.Verdict.UNDECIDED);
    }

    public static List<ExpectationResult> evaluate(List<Expectation> expectations, List<PersonaRun> runs) {
        return evaluate(expectations, runs, 1 - Runs.ALPHA, null);
    }

    /**
     * Each (expectation, persona) judged over that persona's walks: walks attributed to the provider or
     * to an out-of-character reply are excluded and counted; the rest give the pass rate, its interval
     * at {@code confidence}, and the verdict ({@link PassRate}).
     */
    public static List<ExpectationResult> evaluate(List<Expectation> expectations, List<PersonaRun> runs,
                                                   double confidence, String responder) {
        Map<String, List<PersonaRun>> byPersona = Walks.byPersona(runs);
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            for (List<PersonaRun> walks : byPersona.values()) {
                if (e.appliesTo(walks.get(0).persona().id())) out.add(aggregate(e, walks, confidence, responder));
            }
        }
        return out;
    }

    static ExpectationResult aggregate(Expectation e, List<PersonaRun> walks, double confidence, String responder) {
        int passes = 0, trials = 0, excluded = 0;
        List<Integer> failing = new ArrayList<>();
        ExpectationResult firstFail = null, firstPass = null;
        for (PersonaRun w : walks) {
            if (WalkCause.of(w).excluded()) {
                excluded++;
                continue;
            }
            trials++;
            ExpectationResult r = judge(e, w);
            if (r.passed()) {
                passes++;
                if (firstPass == null) firstPass = r;
            } else {
                if (failing.size() < MAX_LISTED_WALKS) failing.add(w.walk());
                if (firstFail == null) firstFail = r;
            }
        }
        PassRate pr = PassRate.judge(passes, trials, excluded, e.requiredRate(), confidence);
        ExpectationResult shown = firstFail != null ? firstFail : firstPass;
        String evidence;
        if (shown == null) evidence = "no valid walk to judge";
        else if (walks.size() == 1) evidence = shown.evidence();
        else if (firstFail != null) evidence = "failed in " + (trials - passes) + " of " + trials + " walks; walk "
                + failing.get(0) + ": " + shown.evidence();
        else evidence = "passed in " + passes + " of " + trials + " walks; e.g. " + shown.evidence();
        boolean many = walks.size() > 1;
        return new ExpectationResult(e.describe(), e.type(), walks.get(0).persona().id(), pr.verdict() == Verdict.PASS,
                evidence, shown == null ? null : shown.step(), pr.verdict(), passes, trials, pr.rate(), pr.interval(),
                e.minPassRate(), many ? pr.intermittent() : null, excluded == 0 ? null : excluded, pr.walksNeeded(),
                failing.isEmpty() || !many ? null : failing, pr.reason(), responder);
    }

    /** One walk judged on its own. */
    public static ExpectationResult judgeWalk(Expectation e, PersonaRun run) {
        return judge(e, run);
    }

    static ExpectationResult judge(Expectation e, PersonaRun run) {
        List<String> path = run.path();
        String pathText = "path: " + String.join(" > ", path);
        String persona = run.persona().id();
        switch (e.type()) {
            case "reaches_step" -> {
                int at = path.indexOf(e.step());
                return result(e, persona, at >= 0, at >= 0 ? "reached at step " + (at + 1) + "; " + pathText : pathText, e.step());
            }
            case "never_reaches_step" -> {
                int at = path.indexOf(e.step());
                return result(e, persona, at < 0, at >= 0 ? "reached at step " + (at + 1) + "; " + pathText : pathText, e.step());
            }
            case "reaches_step_within" -> {
                int at = path.indexOf(e.step());
                boolean ok = at >= 0 && at + 1 <= e.steps();
                String ev = at < 0 ? "never reached; " + pathText : "reached at step " + (at + 1) + "; " + pathText;
                return result(e, persona, ok, ev, e.step());
            }
            case "ends_in_goal" -> {
                var goals = run.session().contact.goals;
                boolean ok = e.goal() == null ? !goals.isEmpty() : goals.contains(e.goal());
                String ev = (goals.isEmpty() ? "no goal reached" : "goals reached: " + String.join(", ", goals))
                        + "; ended: " + run.session().endReason.wire() + "; " + pathText;
                return result(e, persona, ok, ev, null);
            }
            case "no_message_after_opt_out" -> {
                Interaction bad = run.interactions().stream().filter(i -> i.flagged(Simulator.FLAG_AFTER_OPT_OUT))
                        .findFirst().orElse(null);
                String ev = bad == null ? "no message was sent after an opt-out"
                        : "step '" + bad.stepId() + "' sent " + bad.message().channel().wire() + " at " + bad.localTime()
                        + " after the contact opted out; " + pathText;
                return result(e, persona, bad == null, ev, bad == null ? null : bad.stepId());
            }
            case "max_messages" -> {
                long sent = run.interactions().stream().filter(i -> i.message() != null).count();
                return result(e, persona, sent <= e.max(), sent + " message(s) sent; " + pathText, null);
            }
            default -> throw new IllegalArgumentException("unknown expectation type '" + e.type() + "'");
        }
    }

    private static ExpectationResult result(Expectation e, String persona, boolean ok, String evidence, String step) {
        return new ExpectationResult(e.describe(), e.type(), persona, ok, evidence, step);
    }
}
