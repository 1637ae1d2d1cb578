package dev.rehearsal.local.asl;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Time as the executor sees it; Wait states and Retry intervals go through here so tests never sleep. */
public interface Clock {
    Instant now();

    /**
     * Blocks until {@code until} or until {@code cancelled} turns true (checked periodically).
     * A virtual clock simply jumps forward.
     */
    void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException;

    /** Wall-clock time with real sleeping, for production use. */
    static Clock system() { return new SystemClock(); }

    /** A clock that jumps instead of sleeping, starting at the given instant. */
    static VirtualClock virtual(Instant start) { return new VirtualClock(start); }
}
