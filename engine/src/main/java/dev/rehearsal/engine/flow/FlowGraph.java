package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow's transitions as int-indexed, labelled edges (CSR), one per {@link Transition} in
 * declaration order, so the data-flow pass knows which edge is an on_reply, a branch or a default.
 * Dangling targets (which the parser rejects) are left out.
 */
final class FlowGraph {
    /** Edge kinds; branch edges also carry their branch index. */
    static final int NEXT = 0, ON_REPLY = 1, ON_TIMEOUT = 2, BRANCH = 3, DEFAULT = 4;

    final Workflow workflow;
    final Step[] steps;
    final int n;
    final int start;
    /** Edges of node v are {@code offsets[v] .. offsets[v+1]-1}. */
    final int[] offsets;
    final int[] target;
    final int[] kind;
    /** Branch index for BRANCH edges, else -1. */
    final int[] branch;
    final Transition[] transition;

    FlowGraph(Workflow workflow) {
        this.workflow = workflow;
        this.steps = workflow.steps().toArray(new Step[0]);
        this.n = steps.length;
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) index.putIfAbsent(steps[i].id(), i);
        Integer s = workflow.start() == null ? null : index.get(workflow.start());
        this.start = s == null ? -1 : s;
        offsets = new int[n + 1];
        List<int[]> edges = new ArrayList<>(n * 2);
        List<Transition> ts = new ArrayList<>(n * 2);
        for (int v = 0; v < n; v++) {
            offsets[v] = edges.size();
            int b = 0;
            for (Transition t : steps[v].transitions()) {
                int k = kindOf(t.label());
                int bi = k == BRANCH ? b++ : -1;
                Integer w = index.get(t.to());
                if (w == null) continue;
                edges.add(new int[]{w, k, bi});
                ts.add(t);
            }
        }
        offsets[n] = edges.size();
        int m = edges.size();
        target = new int[m];
        kind = new int[m];
        branch = new int[m];
        transition = ts.toArray(new Transition[0]);
        for (int e = 0; e < m; e++) {
            int[] x = edges.get(e);
            target[e] = x[0];
            kind[e] = x[1];
            branch[e] = x[2];
        }
    }

    private static int kindOf(String label) {
        if (label.startsWith("branch:")) return BRANCH;
        return switch (label) {
            case "on_reply" -> ON_REPLY;
            case "on_timeout" -> ON_TIMEOUT;
            case "default" -> DEFAULT;
            default -> NEXT;
        };
    }

    int edges() {
        return target.length;
    }
}
