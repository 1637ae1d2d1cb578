package dev.rehearsal.providers.core;

import java.time.Duration;

/** How retry waits; injectable so tests record the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
