package dev.rehearsal.engine.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps an independent check over many steps, on every core when there are many, and returns the results in
 * the input's order: the findings are the same list in the same order whichever thread computed each one.
 * Small inputs stay on the calling thread (handing work to other threads costs more than a few hundred
 * steps of checks). Used by the validators of 100k-step workflows (docs/PERFORMANCE.md, "Big workflows").
 */
final class InOrder {
    /** From this many items the work is shared with the common fork-join pool's threads. */
    static final int PARALLEL_FROM = 1_000;

    private InOrder() {
    }

    static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f, boolean parallel) {
        if (parallel) return items.parallelStream().<R>map(f).toList(); // an ordered stream: toList keeps the input's order
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) out.add(f.apply(item));
        return out;
    }
}
