package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.persona.Knobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * When a reply arrives: a log-normal delay around the persona's median (spread = the factor one
 * standard deviation stretches it by), then pushed into the persona's active hours if it would land
 * outside them. Draws from the "latency" stream only.
 */
final class Timing {
    private Timing() {
    }

    static int latencyMinutes(Knobs k, LocalDateTime sentLocal, SplittableRandom rnd) {
        double z = Math.max(-2, Math.min(2, rnd.nextGaussian()));
        double minutes = Math.max(1, k.delayMedianMinutes() * Math.pow(k.delaySpread(), z));
        double intoWindow = rnd.nextDouble();
        if (sentLocal == null || k.anyHour()) return (int) Math.round(minutes);
        LocalDateTime at = sentLocal.plus(Duration.ofSeconds((long) (minutes * 60)));
        if (!k.active(at.toLocalTime())) at = nextWindow(k, at, intoWindow);
        return (int) Math.max(1, Duration.between(sentLocal, at).toMinutes());
    }

    /** The first active moment after {@code at}, plus a share of the window's first 90 minutes. */
    private static LocalDateTime nextWindow(Knobs k, LocalDateTime at, double share) {
        LocalDateTime start = at.toLocalDate().atTime(k.activeStart());
        if (!start.isAfter(at)) start = start.plusDays(1);
        long window = Duration.between(k.activeStart(), k.activeEnd()).toMinutes();
        if (window <= 0) window += 24 * 60;
        return start.plusMinutes((long) (share * Math.min(90, window - 1)));
    }
}
