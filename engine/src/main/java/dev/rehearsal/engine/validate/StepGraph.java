package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepEdges;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;


/**
 * The workflow's transitions as an int-indexed adjacency array (CSR), so the graph checks run in
 * linear time without per-edge objects or recursion. Node {@code i} is {@code workflow.steps().get(i)}.
 */
final class StepGraph {
    final Workflow workflow;
    final Step[] steps;
    final int n;
    /** Index of the start step, or -1 when it does not exist (the parser normally rejects that). */
    final int start;
    /** Successors of node v are {@code targets[offsets[v]] .. targets[offsets[v+1]-1]}, duplicates removed. */
    final int[] offsets;
    final int[] targets;
    /** Reachable from start, and the breadth-first order in which they were reached. */
    final boolean[] reachable;
    final int[] bfsOrder;

    private StepGraph(Workflow workflow) {
        this.workflow = workflow;
        this.steps = workflow.steps().toArray(new Step[0]);
        this.n = steps.length;
        this.start = workflow.indexOf(workflow.start());

        offsets = new int[n + 1];
        int[] buf = new int[Math.max(4, n * 2)];
        int m = 0;
        StepEdges edges = workflow.edges();
        for (int v = 0; v < n; v++) {
            offsets[v] = m;
            for (int e = edges.start(v); e < edges.end(v); e++) {
                int w = edges.target(e);
                if (w < 0) continue; // dangling: reported by the parser
                boolean dup = false;
                for (int k = offsets[v]; k < m; k++) if (buf[k] == w) { dup = true; break; }
                if (dup) continue;
                if (m == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                buf[m++] = w;
            }
        }
        offsets[n] = m;
        targets = java.util.Arrays.copyOf(buf, m);

        reachable = new boolean[n];
        int[] order = new int[n];
        int size = 0;
        if (start >= 0) {
            reachable[start] = true;
            order[size++] = start;
            for (int head = 0; head < size; head++) {
                int v = order[head];
                for (int k = offsets[v]; k < offsets[v + 1]; k++) {
                    int w = targets[k];
                    if (!reachable[w]) {
                        reachable[w] = true;
                        order[size++] = w;
                    }
                }
            }
        }
        bfsOrder = java.util.Arrays.copyOf(order, size);
    }

    static StepGraph of(Workflow workflow) {
        return new StepGraph(workflow);
    }

    int outDegree(int v) {
        return offsets[v + 1] - offsets[v];
    }

    StepType type(int v) {
        return steps[v].type();
    }

    String id(int v) {
        return steps[v].id();
    }

    /** Steps where simulated time passes, so a loop through them is paced rather than a spin. */
    static boolean passesTime(StepType t) {
        return t == StepType.DELAY || t == StepType.WAIT_FOR_REPLY;
    }
}
