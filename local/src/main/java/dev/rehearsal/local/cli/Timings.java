package dev.rehearsal.local.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One stderr line of phase times (REHEARSE_TIMINGS=1). For `rehearse test`, read by WalksBenchmark: the time before
 * the rehearsal started (launcher, JVM start, parsing, validation, provider set-up), the walking phase (until the
 * last persona's last walk), the rest of the rehearsal (message analyses, recommendations, branch hunting, the
 * report), the process's age so far, and the wall-clock start of the rehearsal (epoch ms, to line it up with a stub
 * server's log). For `rehearse validate`: the time before the command started (launcher, JVM start, the command
 * line), reading and parsing the file, the validators, and writing the findings.
 */
final class Timings {
    private Timings() {
    }

    static void print(PrintWriter err, long rehearsalStartNanos, long lastWalkNanos) {
        long now = System.nanoTime();
        long nowMs = System.currentTimeMillis();
        long age = nowMs - startedMs();
        long before = age - (now - rehearsalStartNanos) / 1_000_000;
        err.printf(Locale.ROOT, "rehearse: timings: before-rehearsal=%d ms walking=%d ms after-walks=%d ms process=%d ms "
                        + "rehearsal-start-ms=%d%n",
                before, (lastWalkNanos - rehearsalStartNanos) / 1_000_000, (now - lastWalkNanos) / 1_000_000, age,
                nowMs - (now - rehearsalStartNanos) / 1_000_000);
        err.flush();
    }

    /** `rehearse validate`: marks taken when the command started, the workflow was read, the validators were done. */
    static void printValidate(PrintWriter err, long startNanos, long readNanos, long validatedNanos) {
        long now = System.nanoTime();
        long age = System.currentTimeMillis() - startedMs();
        err.printf(Locale.ROOT, "rehearse: timings: before-command=%d ms read=%d ms validate=%d ms output=%d ms process=%d ms%n",
                age - (now - startNanos) / 1_000_000, (readNanos - startNanos) / 1_000_000,
                (validatedNanos - readNanos) / 1_000_000, (now - validatedNanos) / 1_000_000, age);
        err.flush();
    }

    /**
     * When the launcher started (it exports REHEARSE_LAUNCHED_US), else when the JVM did. Not the OS's process start
     * time: Linux gives that in clock ticks since a boot time rounded to the second, up to a second off.
     */
    private static long startedMs() {
        String launched = System.getenv("REHEARSE_LAUNCHED_US");
        if (launched != null && launched.matches("\\d{13,}")) return Long.parseLong(launched) / 1000;
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
