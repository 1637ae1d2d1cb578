package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepEdges;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.Arrays;

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
        this.start = workflow.start() == null ? -1 : workflow.indexOf(workflow.start());
        offsets = new int[n + 1];
        int cap = Math.max(4, n * 2);
        int[] tg = new int[cap], kd = new int[cap], br = new int[cap];
        Transition[] ts = new Transition[cap];
        int m = 0;
        StepEdges edges = workflow.edges();
        for (int v = 0; v < n; v++) {
            offsets[v] = m;
            int b = 0;
            int e = edges.start(v); // transitions come in the edges' order
            for (Transition t : steps[v].transitions()) {
                int k = kindOf(t.label());
                int bi = k == BRANCH ? b++ : -1;
                int w = edges.target(e++);
                if (w < 0) continue;
                if (m == tg.length) {
                    tg = Arrays.copyOf(tg, m * 2);
                    kd = Arrays.copyOf(kd, m * 2);
                    br = Arrays.copyOf(br, m * 2);
                    ts = Arrays.copyOf(ts, m * 2);
                }
                tg[m] = w;
                kd[m] = k;
                br[m] = bi;
                ts[m++] = t;
            }
        }
        offsets[n] = m;
        target = Arrays.copyOf(tg, m);
        kind = Arrays.copyOf(kd, m);
        branch = Arrays.copyOf(br, m);
        transition = Arrays.copyOf(ts, m);
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
