package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where a workflow meets the outside world: external calls whose failure leaves the contact and
 * the team in silence, placeholder steps standing in for what could not be simulated, and text
 * conditions whose regex cannot compile.
 */
final class IntegrationValidator implements WorkflowValidator {
    @Override
    public List<Issue> validate(Workflow w) {
        List<Issue> out = new ArrayList<>();
        java.util.Set<String> replyFields = DeclaredFields.replyFields(w);
        for (Step s : w.steps()) {
            if (s.type() == StepType.CONDITION) unmatchedReplyEnds(w, s, replyFields, out);
            if (s.type() == StepType.EXTERNAL_CALL) failure(w, s, out);
            if (s.type() == StepType.PLACEHOLDER) {
                out.add(Issue.of(Severity.WARNING, "placeholder_step", s.id(), w.pointerOf(s.id()),
                        "'" + s.id() + "' stands in for " + s.text("source_type") + ", which Rehearsal does not simulate ("
                                + s.text("reason") + "); walks pass straight through it",
                        "Check by hand what this element does to the contact, or replace it with a supported step."));
            }
            for (int i = 0; i < s.branches().size(); i++) regexes(w, s, i, s.branches().get(i).when(), out);
        }
        return out;
    }

    private static void failure(Workflow w, Step s, List<Issue> out) {
        Step target = s.onFailure() == null ? null : w.step(s.onFailure());
        if (target != null && target.type() != StepType.END) return;
        String what = s.text("kind") + " call '" + s.id() + "'";
        out.add(Issue.of(Severity.WARNING, "unhandled_call_failure", s.id(), w.pointerOf(s.id()),
                target == null ? what + " has no on_failure transition: when it fails, the contact stops here"
                        : what + " fails straight to end step '" + target.id() + "': the contact hears nothing and no one is told",
                "Route on_failure to a notify_team step (and, if the contact was promised something, a message that says what happens next)."));
    }

    /**
     * A split on the text of a reply whose "none of these" exit is an end step: a lead who answers in
     * their own words instead of the exact phrase gets no answer at all.
     */
    private static void unmatchedReplyEnds(Workflow w, Step s, java.util.Set<String> replyFields, List<Issue> out) {
        Step fallback = s.defaultNext() == null ? null : w.step(s.defaultNext());
        if (fallback == null || fallback.type() != StepType.END) return;
        List<String> phrases = new ArrayList<>();
        for (var b : s.branches()) {
            if (b.when() instanceof Condition.Text t && readsReply(t.input(), replyFields) && t.value() != null) phrases.add(t.value());
        }
        if (phrases.isEmpty()) return;
        out.add(Issue.of(Severity.WARNING, "unmatched_reply_ends", s.id(), w.pointerOf(s.id()) + "/default",
                "'" + s.id() + "' compares the lead's reply with " + String.join(", ", phrases.stream().map(p -> "\"" + p + "\"").toList())
                        + "; any other answer goes to end step '" + fallback.id() + "' and gets no response",
                "Send a message on the default path that repeats the options (or hands the lead to a person), then wait again."));
    }

    private static boolean readsReply(String template, java.util.Set<String> replyFields) {
        for (var tok : dev.rehearsal.engine.workflow.MergeFields.tokens(template)) {
            String f = tok.field().startsWith("contact.") ? tok.field().substring(8) : tok.field();
            if (replyFields.contains(f)) return true;
        }
        return false;
    }

    private static void regexes(Workflow w, Step s, int branch, Condition c, List<Issue> out) {
        if (c instanceof Condition.Text t && t.operator().equals("regex")) {
            try {
                Pattern.compile(t.value() == null ? "" : t.value());
            } catch (PatternSyntaxException e) {
                out.add(Issue.of(Severity.ERROR, "invalid_regex", s.id(), w.pointerOf(s.id()) + "/branches/" + branch,
                        "branch '" + s.branchLabel(branch) + "' of '" + s.id() + "' has a regex that does not compile: "
                                + e.getDescription(), "Fix the pattern; as written it never matches."));
            }
        }
        if (c instanceof Condition.All a) a.all().forEach(x -> regexes(w, s, branch, x, out));
        if (c instanceof Condition.Any a) a.any().forEach(x -> regexes(w, s, branch, x, out));
        if (c instanceof Condition.Not n) regexes(w, s, branch, n.not(), out);
    }
}
