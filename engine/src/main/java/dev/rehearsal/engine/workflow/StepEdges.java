package dev.rehearsal.engine.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

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

    /** From this many steps the second half's edges are resolved on the common pool (each lookup is a cache miss or two). */
    static final int PARALLEL_FROM = 20_000;

    /** Resolves each step's targets through {@code index} (step id to position). */
    static StepEdges of(List<Step> steps, Map<String, Integer> index) {
        int n = steps.size();
        if (n < PARALLEL_FROM) {
            Part all = resolve(steps, index, 0, n);
            return new StepEdges(all.offsets, Arrays.copyOf(all.targets, all.count), all.dangling);
        }
        int mid = n / 2;
        ForkJoinTask<Part> later = ForkJoinPool.commonPool().submit(() -> resolve(steps, index, mid, n));
        Part first = resolve(steps, index, 0, mid);
        Part second = later.join();
        int[] offsets = Arrays.copyOf(first.offsets, n + 1);
        for (int v = mid; v <= n; v++) offsets[v] = first.count + second.offsets[v - mid];
        int[] targets = Arrays.copyOf(first.targets, first.count + second.count);
        System.arraycopy(second.targets, 0, targets, first.count, second.count);
        return new StepEdges(offsets, targets, first.dangling || second.dangling);
    }

    /** Steps {@code from} to {@code to}: offsets counted from the first of them (one more than steps), targets. */
    private record Part(int[] offsets, int[] targets, int count, boolean dangling) {
    }

    private static Part resolve(List<Step> steps, Map<String, Integer> index, int from, int to) {
        int[] offsets = new int[to - from + 1];
        int[] targets = new int[Math.max(4, (to - from) * 2)];
        int m = 0;
        boolean dangling = false;
        for (int v = from; v < to; v++) {
            offsets[v - from] = m;
            for (String target : steps.get(v).targets()) {
                Integer w = index.get(target);
                if (w == null) dangling = true;
                if (m == targets.length) targets = Arrays.copyOf(targets, m * 2);
                targets[m++] = w == null ? -1 : w;
            }
        }
        offsets[to - from] = m;
        return new Part(offsets, targets, m, dangling);
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
