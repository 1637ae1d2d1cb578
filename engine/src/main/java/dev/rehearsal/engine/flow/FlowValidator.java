package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.validate.WorkflowValidator;
import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;

import static dev.rehearsal.engine.flow.ContactFacts.SENT_EMAIL;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_SMS;

/**
 * Findings from the data-flow facts: branches no contact can take ({@code unsatisfiable_branch}),
 * branches an earlier one always wins ({@code shadowed_branch}), loops a silent lead never leaves
 * ({@code unbounded_send_loop}) and replies the workflow ends on without a word
 * ({@code conversation_dropped}). Linear in steps + transitions.
 */
public final class FlowValidator implements WorkflowValidator {

    @Override
    public List<Issue> validate(Workflow workflow) {
        FlowFacts facts = FlowAnalysis.of(workflow);
        List<Issue> out = new ArrayList<>();
        branches(facts, out);
        SendLoops.check(facts, out);
        DroppedConversations.check(facts, out);
        return out;
    }

    private static void branches(FlowFacts facts, List<Issue> out) {
        FlowGraph g = facts.graph;
        Workflow w = g.workflow;
        for (int v = 0; v < g.n; v++) {
            if (!facts.reached(v)) continue;
            Step s = g.steps[v];
            ContactFacts f = facts.at(v);
            if (s.type() == StepType.WAIT_FOR_REPLY && s.onReply() != null
                    && !f.may(FlowAnalysis.channelBits(s.text("channel")))) {
                out.add(Issue.of(Severity.WARNING, "unsatisfiable_branch", s.id(), w.pointerOf(s.id()) + "/on_reply",
                        "on_reply of wait_for_reply '" + s.id() + "' can never be taken: no path to it sends a message"
                                + (s.text("channel") == null ? "" : " on " + s.text("channel")) + " first, so no reply can come",
                        "Send a message before '" + s.id() + "', or replace the wait with a delay."));
            }
            if (s.type() != StepType.CONDITION) continue;
            boolean noMessage = !f.may(SENT_SMS) && !f.may(SENT_EMAIL);
            Integer always = null;
            for (int i = 0; i < s.branches().size(); i++) {
                Branch b = s.branches().get(i);
                String where = "branch '" + s.branchLabel(i) + "' of condition '" + s.id() + "'";
                String pointer = w.pointerOf(s.id()) + "/branches/" + i;
                if (always != null) {
                    out.add(shadowed(w, s, where, pointer, "earlier branch '" + s.branchLabel(always) + "' always matches: "
                            + ConditionReasoner.whyAlways(s.branches().get(always).when(), f)));
                    continue;
                }
                if (!ConditionReasoner.canHold(b.when(), f)) {
                    // condition_before_any_message already reports reply tests with no message before them.
                    if (!(noMessage && b.when().readsReplies())) out.add(unsatisfiable(w, s, b, where, pointer, f));
                } else {
                    for (int j = 0; j < i; j++) {
                        Condition earlier = s.branches().get(j).when();
                        if (ConditionReasoner.implies(b.when(), earlier)) {
                            out.add(shadowed(w, s, where, pointer, "every contact matching " + ConditionReasoner.describe(b.when())
                                    + " also matches earlier branch '" + s.branchLabel(j) + "' (" + ConditionReasoner.describe(earlier)
                                    + "), which is tested first"));
                            break;
                        }
                    }
                }
                if (!ConditionReasoner.canFail(b.when(), f)) always = i;
            }
            if (always != null && s.defaultNext() != null) {
                out.add(shadowed(w, s, "the default of condition '" + s.id() + "'", w.pointerOf(s.id()) + "/default",
                        "branch '" + s.branchLabel(always) + "' always matches: " + ConditionReasoner.whyAlways(s.branches().get(always).when(), f)));
            }
        }
    }

    private static Issue unsatisfiable(Workflow w, Step s, Branch b, String where, String pointer, ContactFacts f) {
        Condition c = b.when();
        // A tag can also come from outside the workflow (an import, another automation): a warning, not an error.
        boolean tagOnly = c instanceof Condition.HasTag;
        return Issue.of(tagOnly ? Severity.WARNING : Severity.ERROR, "unsatisfiable_branch", s.id(), pointer,
                where + " can never be taken: " + ConditionReasoner.describe(c) + " never holds there, because "
                        + ConditionReasoner.whyNever(c, f),
                fixFor(c, s));
    }

    private static String fixFor(Condition c, Step s) {
        if (c.readsReplies()) {
            return "Test the reply where one can exist: on the on_reply path of a wait_for_reply (or after a delay that follows a message), not on the on_timeout path; or remove the branch.";
        }
        if (c instanceof Condition.HasTag t) return "Add an add_tag step for '" + t.tag() + "' on a path before '" + s.id() + "', or remove the branch.";
        if (c instanceof Condition.OptedOut) return "Check opt-outs after a message and a wait_for_reply on that channel, or remove the branch.";
        if (c instanceof Condition.EmailOpened || c instanceof Condition.EmailClicked) {
            return "Put a delay or wait between the email and '" + s.id() + "' so the contact has time to open it.";
        }
        if (c instanceof Condition.All) return "Remove the contradicting part of the all, or split it into separate branches.";
        return "Rewrite the branch so some contact can match it, or remove it.";
    }

    private static Issue shadowed(Workflow w, Step s, String where, String pointer, String reason) {
        return Issue.of(Severity.WARNING, "shadowed_branch", s.id(), pointer,
                where + " is never taken: " + reason,
                "Order branches from the most specific to the most general, or remove the one that can never win.");
    }
}
