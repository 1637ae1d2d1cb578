package dev.rehearsal.local.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** A clock that never sleeps: waiting moves time forward at once. Used by tests and the conformance suite. */
public final class VirtualClock implements Clock {
    private final AtomicReference<Instant> now;

    public VirtualClock(Instant start) { this.now = new AtomicReference<>(start); }

    @Override
    public Instant now() { return now.get(); }

    @Override
    public void sleepUntil(Instant until, BooleanSupplier cancelled) {
        // Concurrent sleepers only ever push time forward.
        now.accumulateAndGet(until, (cur, target) -> target.isAfter(cur) ? target : cur);
    }

    public void advance(Duration d) { now.updateAndGet(i -> i.plus(d)); }
}
