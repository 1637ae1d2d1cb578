package dev.rehearsal.providers.core;

import java.time.Duration;
import java.util.Random;

/**
 * Bounded exponential backoff with jitter: attempt n waits a random time in [d/2, d] where
 * d = min(base * 2^(n-1), max); a server's Retry-After wins ({@link RetryingChatModel} gives up,
 * retryably, when it asks for more than {@code maxDelay}).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper, Random random) {
    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    public static RetryPolicy standard(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(20), Sleeper.REAL, new Random());
    }

    public RetryPolicy withSleeper(Sleeper s) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, s, random);
    }

    Duration delayBefore(int nextAttempt, Duration retryAfter) {
        if (retryAfter != null) return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        long cap = maxDelay.toMillis();
        long d = Math.min(cap, baseDelay.toMillis() << Math.min(20, nextAttempt - 2));
        long half = d / 2;
        long jittered;
        synchronized (random) {
            jittered = half + (long) (random.nextDouble() * (d - half));
        }
        return Duration.ofMillis(jittered);
    }
}
