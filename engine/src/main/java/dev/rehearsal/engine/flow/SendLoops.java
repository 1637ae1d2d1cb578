package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.validate.StronglyConnected;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;

import java.util.List;

/**
 * {@code unbounded_send_loop}: a loop with a message in it that a silent lead (never replies, opens,
 * clicks or opts out) can never leave. Linear: keep only the transitions a silent lead can take,
 * find that graph's strongly connected components, and flag a cyclic one with a send step and no
 * silent way out while the full graph has some exit (no exit at all is infinite_loop's case).
 */
final class SendLoops {
    private static final int FALSE = 0, TRUE = 1, UNKNOWN = 2;
    private static final int LIST_LIMIT = 6;

    private SendLoops() {
    }

    static void check(FlowFacts facts, List<Issue> out) {
        FlowGraph g = facts.graph;
        boolean[] silent = new boolean[g.edges()];
        int[] offsets = new int[g.n + 1];
        int count = 0;
        for (int v = 0; v < g.n; v++) {
            offsets[v] = count;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                silent[e] = facts.enabled[e] && silentTakes(g, g.steps[v], e);
                if (silent[e]) count++;
            }
        }
        offsets[g.n] = count;
        int[] targets = new int[count];
        for (int v = 0, k = 0; v < g.n; v++) {
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) if (silent[e]) targets[k++] = g.target[e];
        }
        StronglyConnected scc = StronglyConnected.of(g.n, offsets, targets);
        int c = scc.count;
        boolean[] cyclic = new boolean[c], silentExit = new boolean[c], anyExit = new boolean[c], sms = new boolean[c],
                sends = new boolean[c];
        for (int v = 0; v < g.n; v++) {
            if (!facts.reached(v)) continue;
            int comp = scc.component[v];
            StepType t = g.steps[v].type();
            if (t.sendsMessage()) sends[comp] = true;
            if (t == StepType.SEND_SMS) sms[comp] = true;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (!facts.enabled[e]) continue;
                boolean inside = scc.component[g.target[e]] == comp;
                if (silent[e] && inside && (scc.size(comp) > 1 || g.target[e] == v)) cyclic[comp] = true;
                if (!inside) {
                    anyExit[comp] = true;
                    if (silent[e]) silentExit[comp] = true;
                }
            }
        }
        for (int k = 0; k < c; k++) {
            if (!cyclic[k] || !sends[k] || silentExit[k]) continue;
            int first = scc.members[scc.memberStart[k]];
            if (!facts.reached(first)) continue;
            if (!anyExit[k]) continue; // no way out at all: infinite_loop's finding
            Step s = g.steps[first];
            out.add(Issue.of(sms[k] ? Severity.ERROR : Severity.WARNING, "unbounded_send_loop", s.id(), g.workflow.pointerOf(s.id()),
                    "steps " + members(g, scc, k) + " form a loop that sends a message on every pass, and every way out of it needs the contact to act "
                            + "(reply, open, click or opt out): a lead who stays silent is messaged until the runtime limits stop it",
                    "Give the loop an exit a silent lead takes: count the passes with a tag (add_tag \"nudged_2\", then has_tag leaves), "
                            + "send the on_timeout of the wait to an end step after the last nudge, or set a goal."));
        }
    }

    private static String members(FlowGraph g, StronglyConnected scc, int k) {
        StringBuilder b = new StringBuilder();
        int size = scc.size(k);
        for (int i = 0; i < Math.min(size, LIST_LIMIT); i++) {
            if (i > 0) b.append(", ");
            b.append('\'').append(g.steps[scc.members[scc.memberStart[k] + i]].id()).append('\'');
        }
        if (size > LIST_LIMIT) b.append(" and ").append(size - LIST_LIMIT).append(" more");
        return b.toString();
    }

    /** Whether a lead who never acts can take edge {@code e} of step {@code s}. */
    static boolean silentTakes(FlowGraph g, Step s, int e) {
        return switch (g.kind[e]) {
            case FlowGraph.ON_REPLY -> false;
            case FlowGraph.BRANCH -> {
                int i = g.branch[e];
                if (silentValue(s.branches().get(i).when()) == FALSE) yield false;
                for (int j = 0; j < i; j++) if (silentValue(s.branches().get(j).when()) == TRUE) yield false;
                yield true;
            }
            case FlowGraph.DEFAULT -> s.branches().stream().noneMatch(b -> silentValue(b.when()) == TRUE);
            default -> true;
        };
    }

    /** A condition's value for a lead who never acts: Kleene logic, tags and fields unknown (a counter may be there). */
    static int silentValue(Condition c) {
        if (ConditionReasoner.readsReply(c)) return FALSE;
        if (c instanceof Condition.Replied r) return r.expected() ? FALSE : TRUE;
        if (c instanceof Condition.OptedOut o) return o.expected() ? FALSE : TRUE;
        if (c instanceof Condition.EmailOpened x) return x.expected() ? FALSE : TRUE;
        if (c instanceof Condition.EmailClicked x) return x.expected() ? FALSE : TRUE;
        if (c instanceof Condition.Not n) {
            int v = silentValue(n.not());
            return v == UNKNOWN ? UNKNOWN : 1 - v;
        }
        if (c instanceof Condition.All a) {
            int r = TRUE;
            for (Condition x : a.all()) {
                int v = silentValue(x);
                if (v == FALSE) return FALSE;
                if (v == UNKNOWN) r = UNKNOWN;
            }
            return r;
        }
        if (c instanceof Condition.Any a) {
            int r = FALSE;
            for (Condition x : a.any()) {
                int v = silentValue(x);
                if (v == TRUE) return TRUE;
                if (v == UNKNOWN) r = UNKNOWN;
            }
            return r;
        }
        return UNKNOWN;
    }
}
