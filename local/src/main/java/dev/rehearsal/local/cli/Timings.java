package dev.rehearsal.local.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One stderr line of phase times for `rehearse test` (REHEARSE_TIMINGS=1), read by WalksBenchmark:
 * the process's age when the rehearsal started (JVM start, parsing, validation, provider set-up), the walking
 * phase (until the last persona's last walk), and the rest of the rehearsal (message analyses, recommendations,
 * branch hunting, the report).
 */
final class Timings {
    private Timings() {
    }

    static void print(PrintWriter err, long rehearsalStartNanos, long lastWalkNanos) {
        long now = System.nanoTime();
        long age = ProcessHandle.current().info().startInstant()
                .map(s -> Duration.between(s, Instant.now()).toMillis()).orElse(-1L);
        long before = age < 0 ? -1 : age - (now - rehearsalStartNanos) / 1_000_000;
        err.printf(Locale.ROOT, "rehearse: timings: before-rehearsal=%d ms walking=%d ms after-walks=%d ms process=%d ms%n",
                before, (lastWalkNanos - rehearsalStartNanos) / 1_000_000, (now - lastWalkNanos) / 1_000_000, age);
        err.flush();
    }
}
