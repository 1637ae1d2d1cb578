package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;

import java.util.Arrays;
import java.util.List;

/**
 * {@code conversation_dropped}: right after the contact wrote (a wait's on_reply, or a branch that
 * tests their reply), some path ends the workflow with no message to them and no hand-over to the
 * team. Linear: one reverse sweep from the end steps through steps that say nothing (conditions,
 * tags, field updates, goals, delays) marks every step from which the workflow can end in silence.
 */
final class DroppedConversations {
    private static final int MAX_HOPS = 8;

    private DroppedConversations() {
    }

    static void check(FlowFacts facts, List<Issue> out) {
        FlowGraph g = facts.graph;
        int n = g.n;
        // via[v]: the edge from v towards a silent end; v itself for an end step; -1 when v cannot end silently.
        int[] via = new int[n];
        Arrays.fill(via, -1);
        int[] predStart = new int[n + 1];
        for (int e = 0; e < g.edges(); e++) if (facts.enabled[e]) predStart[g.target[e] + 1]++;
        for (int v = 0; v < n; v++) predStart[v + 1] += predStart[v];
        int[] predEdge = new int[predStart[n]];
        int[] fill = Arrays.copyOf(predStart, n);
        int[] source = new int[g.edges()];
        for (int v = 0; v < n; v++) {
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                source[e] = v;
                if (facts.enabled[e]) predEdge[fill[g.target[e]]++] = e;
            }
        }
        int[] queue = new int[n];
        int size = 0;
        for (int v = 0; v < n; v++) {
            if (facts.reached(v) && g.steps[v].type() == StepType.END) {
                via[v] = Integer.MAX_VALUE;
                queue[size++] = v;
            }
        }
        for (int head = 0; head < size; head++) {
            int v = queue[head];
            for (int k = predStart[v]; k < predStart[v + 1]; k++) {
                int e = predEdge[k];
                int u = source[e];
                if (via[u] == -1 && saysNothing(g.steps[u].type()) && !optOutBranch(g, g.steps[u], e)) {
                    via[u] = e;
                    queue[size++] = u;
                }
            }
        }
        boolean[] explained = new boolean[n];
        for (int v = 0; v < n; v++) {
            Step s = g.steps[v];
            if (!facts.reached(v) || s.type() != StepType.WAIT_FOR_REPLY) continue;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (g.kind[e] != FlowGraph.ON_REPLY || !facts.enabled[e] || via[g.target[e]] == -1) continue;
                out.add(issue(g, s, "the contact's reply to wait_for_reply '" + s.id() + "'", g.target[e], via, explained));
            }
        }
        for (int v = 0; v < n; v++) {
            Step s = g.steps[v];
            if (!facts.reached(v) || s.type() != StepType.CONDITION || explained[v]) continue;
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (g.kind[e] != FlowGraph.BRANCH || !facts.enabled[e] || via[g.target[e]] == -1) continue;
                Condition c = s.branches().get(g.branch[e]).when();
                if (!(ConditionReasoner.readsReply(c) || c instanceof Condition.Replied r && r.expected()) || aboutOptOut(c)) continue;
                out.add(issue(g, s, "a reply matching branch '" + s.branchLabel(g.branch[e]) + "' of condition '" + s.id() + "'",
                        g.target[e], via, explained));
                break;
            }
        }
    }

    /** Ending in silence after an opt-out is what the law asks for, not a dropped conversation. */
    private static boolean optOutBranch(FlowGraph g, Step s, int e) {
        return g.kind[e] == FlowGraph.BRANCH && aboutOptOut(s.branches().get(g.branch[e]).when());
    }

    static boolean aboutOptOut(Condition c) {
        if (c instanceof Condition.OptedOut o) return o.expected();
        if (c instanceof Condition.ReplyIntent r) return r.intents().contains("opt_out");
        if (c instanceof Condition.ReplyContains r) return r.keywords().stream().anyMatch(k -> OPT_OUT_WORDS.contains(k));
        if (c instanceof Condition.Any a) return a.any().stream().anyMatch(DroppedConversations::aboutOptOut);
        if (c instanceof Condition.All a) return a.all().stream().anyMatch(DroppedConversations::aboutOptOut);
        return false;
    }

    private static final java.util.Set<String> OPT_OUT_WORDS = java.util.Set.of("stop", "unsubscribe", "cancel", "end", "quit",
            "stopall", "baja", "alto", "parar", "cancelar");

    /** Steps that neither write to the contact nor hand them to a person. */
    private static boolean saysNothing(StepType t) {
        return switch (t) {
            case CONDITION, ADD_TAG, REMOVE_TAG, UPDATE_CONTACT, GOAL, DELAY, EXTERNAL_CALL, PLACEHOLDER -> true;
            case SEND_SMS, SEND_EMAIL, NOTIFY_TEAM, WAIT_FOR_REPLY, END -> false;
        };
    }

    private static Issue issue(FlowGraph g, Step at, String what, int from, int[] via, boolean[] explained) {
        StringBuilder path = new StringBuilder();
        int v = from;
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            Step s = g.steps[v];
            explained[v] = true;
            if (path.length() > 0) path.append(" → ");
            path.append(s.type().wireName()).append(" '").append(s.id()).append('\'');
            if (via[v] == Integer.MAX_VALUE) break;
            int e = via[v];
            if (g.kind[e] == FlowGraph.DEFAULT) path.append(" (no branch matches: default)");
            else if (g.kind[e] == FlowGraph.BRANCH) path.append(" (branch '").append(s.branchLabel(g.branch[e])).append("')");
            v = g.target[e];
            if (hops == MAX_HOPS - 1) path.append(" → …");
        }
        return Issue.of(Severity.WARNING, "conversation_dropped", at.id(), g.workflow.pointerOf(at.id()),
                what + " can end the workflow without any answer: " + path
                        + ". The contact just wrote and hears nothing back",
                "Send a short acknowledgement on that path (e.g. \"Thanks, we'll get back to you shortly\"), hand over with notify_team, "
                        + "or, for a reply that matches no branch, send a default that restates the options.");
    }
}
