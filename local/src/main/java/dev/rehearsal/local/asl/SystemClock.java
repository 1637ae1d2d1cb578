package dev.rehearsal.local.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Real time; sleeps in short slices so a stopped execution is noticed promptly. */
public final class SystemClock implements Clock {
    private static final long SLICE_MILLIS = 50;

    @Override
    public Instant now() { return Instant.now(); }

    @Override
    public void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException {
        while (!cancelled.getAsBoolean()) {
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left <= 0) return;
            Thread.sleep(Math.min(left, SLICE_MILLIS));
        }
    }
}
