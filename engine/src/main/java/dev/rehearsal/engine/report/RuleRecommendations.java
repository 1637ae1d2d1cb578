package dev.rehearsal.engine.report;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Recommendations computed from the findings and paths, most important first (no LLM needed). */
public final class RuleRecommendations {
    private static final int LIMIT = 6;

    private RuleRecommendations() {
    }

    public static List<String> of(Workflow wf, List<PersonaRun> runs, List<Issue> issues, Report.Coverage coverage) {
        Set<String> out = new LinkedHashSet<>();
        if (has(issues, "message_after_opt_out")) {
            out.add("Honour opt-outs immediately: after every wait_for_reply add a condition {\"opted_out\": true} "
                    + "that leads to an end step, and never send on a channel the contact left.");
        }
        for (Issue i : issues) {
            if (i.severity() == Severity.CRITICAL || i.severity() == Severity.ERROR) {
                if (i.suggestion() != null && !i.type().equals("message_after_opt_out")) {
                    out.add(i.suggestion() + (i.stepId() == null ? "" : " (step '" + i.stepId() + "')"));
                }
            }
        }
        if (has(issues, "sms_quiet_hours")) {
            out.add("Schedule texts for the contact's daytime: a delay with \"until\": \"09:00\" before SMS steps that can land after 21:00.");
        }
        long silent = runs.stream().filter(r -> r.interactions().stream().noneMatch(i -> i.reply() != null && i.reply().replied())).count();
        if (silent > 0 && !runs.isEmpty()) {
            out.add(silent + " of " + runs.size() + " personas never replied: give non-responders a different channel "
                    + "(an email follow-up) or a longer wait before the final attempt.");
        }
        if (saw(runs, Intent.PRICE_OBJECTION) && !branchesOn(wf, "price_objection")) {
            out.add("Leads ask about price but no condition branches on reply_intent price_objection: add a branch that "
                    + "answers with pricing or a discount.");
        }
        if (saw(runs, Intent.QUESTION) && wf.steps().stream().noneMatch(s -> s.type() == StepType.NOTIFY_TEAM)) {
            out.add("Leads ask questions the workflow cannot answer: route reply_intent question to a notify_team step so a person follows up.");
        }
        if (!coverage.uncovered().isEmpty()) {
            List<String> first = coverage.uncovered().subList(0, Math.min(3, coverage.uncovered().size()));
            out.add("No persona took " + coverage.uncovered().size() + " transition(s), e.g. " + String.join("; ", first)
                    + ": add a persona that would, or remove the dead branch.");
        }
        long stuck = runs.stream().filter(r -> r.session().endReason != null && !r.session().endReason.healthy()
                && r.session().endReason != EndReason.MAX_STEPS).count();
        if (stuck > 0) out.add(stuck + " persona(s) got stuck: every wait needs an on_timeout and every condition a default.");
        for (Issue i : issues) {
            if (i.severity() == Severity.WARNING && i.suggestion() != null) out.add(i.suggestion()
                    + (i.stepId() == null ? "" : " (step '" + i.stepId() + "')"));
        }
        List<String> list = new ArrayList<>(out);
        return list.subList(0, Math.min(LIMIT, list.size()));
    }

    private static boolean has(List<Issue> issues, String type) {
        return issues.stream().anyMatch(i -> i.type().equals(type));
    }

    private static boolean saw(List<PersonaRun> runs, Intent intent) {
        return runs.stream().flatMap(r -> r.interactions().stream()).map(Interaction::reply)
                .anyMatch(r -> r != null && r.replied() && r.intent() == intent);
    }

    private static boolean branchesOn(Workflow wf, String intent) {
        for (Step s : wf.steps()) {
            for (var b : s.branches()) if (mentions(b.when(), intent)) return true;
        }
        return false;
    }

    private static boolean mentions(Condition c, String intent) {
        if (c instanceof Condition.ReplyIntent r) return r.intents().contains(intent);
        if (c instanceof Condition.ReplyContains r) return r.keywords().stream().anyMatch(k -> k.contains("price") || k.contains("cost"));
        if (c instanceof Condition.All a) return a.all().stream().anyMatch(x -> mentions(x, intent));
        if (c instanceof Condition.Any a) return a.any().stream().anyMatch(x -> mentions(x, intent));
        if (c instanceof Condition.Not n) return mentions(n.not(), intent);
        return false;
    }
}
