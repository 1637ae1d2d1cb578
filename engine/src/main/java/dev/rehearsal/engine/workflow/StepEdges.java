package dev.rehearsal.engine.workflow;

import java.util.List;
import java.util.Map;

/**
 * Every step's outgoing edges as step positions, resolved once per workflow: step {@code v}'s edges are
 * {@code target(k)} for {@code start(v) <= k < end(v)}, in {@link Step#targets()} (and so {@link Step#transitions()})
 * order, -1 where a target names no step. The graph checks read positions from here instead of looking each target
 * id up again (four graphs of a 100k-step workflow did 600k map lookups: docs/PERFORMANCE.md, "Sixth round").
 */
public final class StepEdges {
    private final int[] offsets;
    private final int[] targets;
    private final boolean dangling;

    private StepEdges(int[] offsets, int[] targets, boolean dangling) {
        this.offsets = offsets;
        this.targets = targets;
        this.dangling = dangling;
    }

    /** Resolves each step's targets through {@code index} (step id to position). */
    static StepEdges of(List<Step> steps, Map<String, Integer> index) {
        int n = steps.size();
        int[] offsets = new int[n + 1];
        int[] targets = new int[Math.max(4, n * 2)];
        int m = 0;
        boolean dangling = false;
        for (int v = 0; v < n; v++) {
            offsets[v] = m;
            for (String to : steps.get(v).targets()) {
                Integer w = index.get(to);
                if (w == null) dangling = true;
                if (m == targets.length) targets = java.util.Arrays.copyOf(targets, m * 2);
                targets[m++] = w == null ? -1 : w;
            }
        }
        offsets[n] = m;
        return new StepEdges(offsets, java.util.Arrays.copyOf(targets, m), dangling);
    }

    /** The first of step {@code v}'s edges. */
    public int start(int v) {
        return offsets[v];
    }

    /** One past the last of step {@code v}'s edges. */
    public int end(int v) {
        return offsets[v + 1];
    }

    /** The position of edge {@code k}'s target, or -1 when it names no step. */
    public int target(int k) {
        return targets[k];
    }

    /** Whether some edge names no step (the parser refuses such a workflow). */
    boolean dangling() {
        return dangling;
    }
}
