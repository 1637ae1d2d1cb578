package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;

import java.util.HashMap;
import java.util.Map;

/**
 * The result of {@link FlowAnalysis}: for each step, whether some path can reach it and what the
 * contact may have done on the way; for each transition, whether any contact can take it and, if
 * not, why in words.
 */
public final class FlowFacts {
    final FlowGraph graph;
    final Vocabulary names;
    private final boolean[] reached;
    private final int[] bits, must;
    private final long[] tags, fields;
    final boolean[] enabled;
    private Map<String, Integer> edgeByKey;

    FlowFacts(FlowGraph graph, Vocabulary names, boolean[] reached, int[] bits, int[] must, long[] tags, long[] fields,
              boolean[] enabled) {
        this.must = must;
        this.graph = graph;
        this.names = names;
        this.reached = reached;
        this.bits = bits;
        this.tags = tags;
        this.fields = fields;
        this.enabled = enabled;
    }

    /** Whether some path from start, taking only takeable transitions, reaches this step. */
    public boolean reachable(String stepId) {
        int v = graph.workflow.indexOf(stepId);
        return v >= 0 && reached[v];
    }

    /** What the contact may have done on paths to this step (nothing, for unreachable steps). */
    public ContactFacts at(String stepId) {
        int v = graph.workflow.indexOf(stepId);
        return at(v);
    }

    ContactFacts at(int v) {
        if (v < 0 || !reached[v]) return ContactFacts.none(names);
        return new ContactFacts(bits[v] | must[v], tags, v * names.tagWords(), fields, v * names.fieldWords(), names);
    }

    boolean[] reachedSteps() {
        return reached;
    }

    boolean reached(int v) {
        return reached[v];
    }

    /** Whether any contact can take this transition; false for transitions not in the workflow. */
    public boolean takeable(Transition t) {
        Integer e = edge(t);
        return e != null && enabled[e];
    }

    /** Why no contact can take {@code t}, in words, or null when some can. */
    public String deadReason(Transition t) {
        Integer e = edge(t);
        if (e == null || enabled[e]) return null;
        int v = graph.workflow.indexOf(t.from());
        Step s = graph.steps[v];
        if (!reached[v]) return "step '" + s.id() + "' itself is unreachable: no path from start can get there";
        ContactFacts f = at(v);
        return switch (graph.kind[e]) {
            case FlowGraph.ON_REPLY -> "no path to wait_for_reply '" + s.id() + "' sends a message "
                    + (s.text("channel") == null || "any".equals(s.text("channel")) ? "" : "on " + s.text("channel") + " ")
                    + "before it, so no reply can come";
            case FlowGraph.BRANCH -> branchReason(s, graph.branch[e], f);
            case FlowGraph.DEFAULT -> {
                for (int i = 0; i < s.branches().size(); i++) {
                    Branch b = s.branches().get(i);
                    if (!ConditionReasoner.canFail(b.when(), f)) {
                        yield "branch '" + s.branchLabel(i) + "' always matches first: " + ConditionReasoner.whyAlways(b.when(), f);
                    }
                }
                yield "some branch always matches first";
            }
            default -> "it cannot be taken";
        };
    }

    /** Why branch {@code i} of condition {@code s} is never taken, given the facts there. */
    static String branchReason(Step s, int i, ContactFacts f) {
        Branch b = s.branches().get(i);
        if (!ConditionReasoner.canHold(b.when(), f)) {
            return ConditionReasoner.describe(b.when()) + " never holds here: " + ConditionReasoner.whyNever(b.when(), f);
        }
        for (int j = 0; j < i; j++) {
            Branch earlier = s.branches().get(j);
            if (!ConditionReasoner.canFail(earlier.when(), f)) {
                return "earlier branch '" + s.branchLabel(j) + "' always matches first: " + ConditionReasoner.whyAlways(earlier.when(), f);
            }
        }
        return "it cannot be taken";
    }

    private Integer edge(Transition t) {
        if (edgeByKey == null) {
            Map<String, Integer> m = new HashMap<>(graph.edges() * 2);
            for (int e = 0; e < graph.edges(); e++) m.putIfAbsent(graph.transition[e].key(), e);
            edgeByKey = m;
        }
        return edgeByKey.get(t.key());
    }
}
