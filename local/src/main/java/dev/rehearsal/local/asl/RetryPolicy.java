package dev.rehearsal.local.asl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Which Retrier/Catcher an error matches, and how long a retry waits. */
final class RetryPolicy {
    private RetryPolicy() {}

    static boolean matches(List<String> errorEquals, String error) {
        if (error == null) return errorEquals.contains(ErrorNames.ALL);
        // States.Runtime is terminal: AWS neither retries nor catches it, even when named explicitly.
        if (ErrorNames.RUNTIME.equals(error)) return false;
        if (errorEquals.contains(error)) return true;
        if (errorEquals.contains(ErrorNames.ALL)) return true;
        return errorEquals.contains(ErrorNames.TASK_FAILED) && !ErrorNames.TIMEOUT.equals(error)
                && !error.startsWith("States.");
    }

    /** Index of the first retrier whose ErrorEquals matches, or -1. */
    static int findRetrier(List<State.Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) if (matches(retriers.get(i).errorEquals(), error)) return i;
        return -1;
    }

    static State.Catcher findCatcher(List<State.Catcher> catchers, String error) {
        for (State.Catcher c : catchers) if (matches(c.errorEquals(), error)) return c;
        return null;
    }

    /** IntervalSeconds x BackoffRate^attempt, capped by MaxDelaySeconds, optionally with full jitter. */
    static Duration delay(State.Retrier r, int attempt) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt);
        if (r.maxDelaySeconds() != null) seconds = Math.min(seconds, r.maxDelaySeconds());
        if ("FULL".equals(r.jitterStrategy())) seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
