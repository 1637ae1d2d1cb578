package dev.rehearsal.providers.cost;

import dev.rehearsal.engine.llm.Usage;

/** Sums the usage of every call a run makes (all jobs, repairs included). Thread-safe. */
public final class UsageMeter {
    private Usage total = Usage.NONE;

    public synchronized void add(Usage u) {
        if (u != null) total = total.plus(u);
    }

    public synchronized Usage total() {
        return total;
    }
}
