package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the graph: steps nobody reaches, loops nobody leaves, steps that go nowhere, and
 * branches that leave a contact stranded. Every check is O(steps + transitions).
 */
public final class StructuralValidator implements WorkflowValidator {
    /** How many step ids a loop message lists before summarising. */
    private static final int LIST_LIMIT = 8;

    @Override
    public List<Issue> validate(Workflow workflow) {
        StepGraph g = StepGraph.of(workflow);
        List<Issue> out = new ArrayList<>();
        unreachable(g, out);
        loops(g, out);
        stalls(g, out);
        conditionsBeforeAnyMessage(g, out);
        return out;
    }

    private static void unreachable(StepGraph g, List<Issue> out) {
        if (g.start < 0) return;
        for (int v = 0; v < g.n; v++) {
            if (g.reachable[v]) continue;
            Step s = g.steps[v];
            if (s.type() == StepType.GOAL) {
                out.add(issue(g, Severity.ERROR, "unreachable_goal", s,
                        "goal step '" + s.id() + "' (" + s.text("goal") + ") can never be reached from start step '"
                                + g.workflow.start() + "', so this workflow can never record that conversion",
                        "Point a transition at '" + s.id() + "' (e.g. the branch taken when the reply intent is interested or ready_to_buy)."));
            } else {
                out.add(issue(g, Severity.WARNING, "orphan_step", s,
                        s.type().wireName() + " step '" + s.id() + "' is not reachable from start step '"
                                + g.workflow.start() + "'; no contact will ever get here",
                        "Add a transition to '" + s.id() + "' from the step that should precede it, or delete it."));
            }
        }
    }

    private static void loops(StepGraph g, List<Issue> out) {
        StronglyConnected scc = StronglyConnected.of(g.n, g.offsets, g.targets);
        int k = scc.count;
        boolean[] cyclic = new boolean[k], hasExit = new boolean[k], paced = new boolean[k], sends = new boolean[k];
        for (int v = 0; v < g.n; v++) {
            int c = scc.component[v];
            if (StepGraph.passesTime(g.type(v))) paced[c] = true;
            if (g.type(v).sendsMessage()) sends[c] = true;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                int w = g.targets[e];
                if (scc.component[w] != c) hasExit[c] = true;
                else if (w == v || scc.size(c) > 1) cyclic[c] = true;
            }
        }
        for (int c = 0; c < k; c++) {
            if (!cyclic[c]) continue;
            int first = scc.members[scc.memberStart[c]];
            if (!g.reachable[first]) continue; // orphan_step already covers every member
            Step s = g.steps[first];
            String members = describe(g, scc, c);
            if (!hasExit[c]) {
                out.add(issue(g, Severity.ERROR, "infinite_loop", s,
                        "steps " + members + " form a loop with no transition out of it: a contact who enters never reaches an end or goal step",
                        "Give one of these steps a way out, e.g. a condition branch (has_tag \"looped\" or reply_intent not_interested) or a wait_for_reply on_timeout that goes to an end step."));
            } else if (!paced[c]) {
                out.add(issue(g, Severity.WARNING, "tight_loop", s,
                        "steps " + members + " form a loop with no delay or wait_for_reply in it"
                                + (sends[c] ? "; each pass sends a message immediately, so a contact who keeps matching gets spammed"
                                : "; the contact's state cannot change between passes, so the loop spins until the step limit"),
                        "Insert a delay (e.g. \"1d\") or a wait_for_reply step inside the loop, or leave the loop after a fixed number of passes with a tag check."));
            }
        }
    }

    private static String describe(StepGraph g, StronglyConnected scc, int c) {
        int size = scc.size(c);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(size, LIST_LIMIT); i++) {
            if (i > 0) b.append(", ");
            b.append('\'').append(g.id(scc.members[scc.memberStart[c] + i])).append('\'');
        }
        if (size > LIST_LIMIT) b.append(" and ").append(size - LIST_LIMIT).append(" more");
        return b.toString();
    }

    /** Reachable steps where a contact can get stuck: no way on, or no way on for some contacts. */
    private static void stalls(StepGraph g, List<Issue> out) {
        for (int v : g.bfsOrder) {
            Step s = g.steps[v];
            if (!s.type().terminal() && g.outDegree(v) == 0) {
                out.add(issue(g, Severity.ERROR, "dead_end", s,
                        s.type().wireName() + " step '" + s.id() + "' has no outgoing transition; contacts who reach it stop without an end or goal",
                        s.type() == StepType.CONDITION ? "Add a \"default\" transition (or at least one branch) to '" + s.id() + "'."
                                : "Add \"next\" to '" + s.id() + "', e.g. an end step."));
                continue;
            }
            if (s.type() == StepType.CONDITION && s.defaultNext() == null && !s.branches().isEmpty()) {
                out.add(issue(g, Severity.WARNING, "condition_without_default", s,
                        "condition '" + s.id() + "' has " + s.branches().size() + " branch(es) and no default: a contact matching none of them stalls here",
                        "Add \"default\": \"<step>\" to '" + s.id() + "' (e.g. a follow-up or an end step)."));
            }
            if (s.type() == StepType.WAIT_FOR_REPLY && s.onTimeout() == null) {
                out.add(issue(g, Severity.WARNING, "wait_without_timeout_branch", s,
                        "wait_for_reply '" + s.id() + "' has no on_timeout transition: contacts who never reply wait forever after "
                                + s.text("timeout"),
                        "Add \"on_timeout\": \"<step>\" to '" + s.id() + "', e.g. a gentle follow-up or an end step."));
            }
        }
    }

    /**
     * A condition on replies that no path reaches after a send can never see a reply. Linear: mark
     * everything reachable from the successors of any reachable send; unmarked reply checks fire.
     */
    private static void conditionsBeforeAnyMessage(StepGraph g, List<Issue> out) {
        boolean[] afterSend = new boolean[g.n];
        int[] queue = new int[g.n];
        int size = 0;
        for (int v : g.bfsOrder) {
            if (!g.type(v).sendsMessage()) continue;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                int w = g.targets[e];
                if (!afterSend[w]) {
                    afterSend[w] = true;
                    queue[size++] = w;
                }
            }
        }
        for (int head = 0; head < size; head++) {
            int v = queue[head];
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                int w = g.targets[e];
                if (!afterSend[w]) {
                    afterSend[w] = true;
                    queue[size++] = w;
                }
            }
        }
        for (int v : g.bfsOrder) {
            Step s = g.steps[v];
            if (s.type() != StepType.CONDITION || afterSend[v]) continue;
            Branch reading = s.branches().stream().filter(b -> b.when().readsReplies()).findFirst().orElse(null);
            if (reading == null) continue;
            out.add(issue(g, Severity.WARNING, "condition_before_any_message", s,
                    "condition '" + s.id() + "' tests the contact's reply (branch '" + s.branchLabel(s.branches().indexOf(reading))
                            + "') but no path from start sends a message before it, so there is never a reply to test",
                    "Move '" + s.id() + "' after a send_sms/send_email and a wait_for_reply, or test something else (tags, fields)."));
        }
    }

    static Issue issue(StepGraph g, Severity sev, String type, Step s, String message, String suggestion) {
        return Issue.of(sev, type, s.id(), g.workflow.pointerOf(s.id()), message, suggestion);
    }
}
