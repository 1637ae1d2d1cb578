package dev.rehearsal.local.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One stderr line of phase times (REHEARSE_TIMINGS=1). For `rehearse test`, read by WalksBenchmark:
 * the process's age when the rehearsal started (JVM start, parsing, validation, provider set-up), the walking
 * phase (until the last persona's last walk), and the rest of the rehearsal (message analyses, recommendations,
 * branch hunting, the report). For `rehearse validate`: the process's age when the command started (JVM start,
 * the command line), reading and parsing the file, the validators, and writing the findings.
 */
final class Timings {
    private Timings() {
    }

    static void print(PrintWriter err, long rehearsalStartNanos, long lastWalkNanos) {
        long now = System.nanoTime();
        long age = processAgeMillis();
        long before = age < 0 ? -1 : age - (now - rehearsalStartNanos) / 1_000_000;
        err.printf(Locale.ROOT, "rehearse: timings: before-rehearsal=%d ms walking=%d ms after-walks=%d ms process=%d ms%n",
                before, (lastWalkNanos - rehearsalStartNanos) / 1_000_000, (now - lastWalkNanos) / 1_000_000, age);
        err.flush();
    }

    /** `rehearse validate`: marks taken when the command started, the workflow was read, the validators were done. */
    static void printValidate(PrintWriter err, long startNanos, long readNanos, long validatedNanos) {
        long now = System.nanoTime();
        long age = processAgeMillis();
        err.printf(Locale.ROOT, "rehearse: timings: before-command=%d ms read=%d ms validate=%d ms output=%d ms process=%d ms%n",
                age < 0 ? -1 : age - (now - startNanos) / 1_000_000, (readNanos - startNanos) / 1_000_000,
                (validatedNanos - readNanos) / 1_000_000, (now - validatedNanos) / 1_000_000, age);
        err.flush();
    }

    /**
     * On Linux from /proc (the start in clock ticks since boot against the uptime, to 10 ms): the JDK's own figure
     * adds the boot time in whole seconds, so it can be up to a second off. Elsewhere the JDK's.
     */
    private static long processAgeMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double uptime = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptime * 1000 - Long.parseLong(f[19]) * 10); // field 22, starttime, in USER_HZ (100) ticks
        } catch (java.io.IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant().map(s -> Duration.between(s, Instant.now()).toMillis()).orElse(-1L);
        }
    }
}
