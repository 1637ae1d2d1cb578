package dev.rehearsal.engine.validate;

import java.util.Arrays;

/**
 * Tarjan's strongly connected components, iterative: an explicit call stack with a per-node edge
 * cursor replaces recursion, so a 100k-step chain cannot overflow the thread stack. O(V + E).
 */
public final class StronglyConnected {
    /** Component of each node; components are numbered in reverse topological order (sinks first). */
    public final int[] component;
    public final int count;
    /** Members of component c are {@code members[memberStart[c]] .. members[memberStart[c+1]-1]}, ascending. */
    public final int[] memberStart;
    public final int[] members;

    private StronglyConnected(int[] component, int count) {
        this.component = component;
        this.count = count;
        // Counting sort by component keeps members in step order (ascending node index).
        memberStart = new int[count + 1];
        for (int c : component) memberStart[c + 1]++;
        for (int c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
        members = new int[component.length];
        int[] fill = Arrays.copyOf(memberStart, count);
        for (int v = 0; v < component.length; v++) members[fill[component[v]]++] = v;
    }

    public int size(int c) {
        return memberStart[c + 1] - memberStart[c];
    }

    public static StronglyConnected of(int n, int[] offsets, int[] targets) {
        int[] index = new int[n];
        Arrays.fill(index, -1);
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int[] calls = new int[n];
        int[] cursor = new int[n];
        int[] comp = new int[n];
        int counter = 0, comps = 0;

        for (int root = 0; root < n; root++) {
            if (index[root] != -1) continue;
            int csp = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            cursor[root] = offsets[root];
            calls[csp++] = root;
            while (csp > 0) {
                int v = calls[csp - 1];
                if (cursor[v] < offsets[v + 1]) {
                    int w = targets[cursor[v]++];
                    if (index[w] == -1) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        cursor[w] = offsets[w];
                        calls[csp++] = w;
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                    continue;
                }
                csp--;
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        comp[w] = comps;
                    } while (w != v);
                    comps++;
                }
                if (csp > 0) {
                    int u = calls[csp - 1];
                    if (low[v] < low[u]) low[u] = low[v];
                }
            }
        }
        return new StronglyConnected(comp, comps);
    }
}
