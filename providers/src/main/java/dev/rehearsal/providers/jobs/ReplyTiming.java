package dev.rehearsal.providers.jobs;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Code owns time: the model says <em>when</em> the person would answer, in their local time ("now",
 * "19:30", "tomorrow 08:15", "not today"); this turns it into minutes after the message arrived. No clock
 * arithmetic is left to the model. A time already past today means the next day; "not today" means
 * tomorrow morning, spread over an hour by the seed so walks differ; "now" is a few minutes.
 * The result is capped at the schema's two weeks.
 */
final class ReplyTiming {
    static final int MAX_MINUTES = 20160;
    static final LocalTime NOT_TODAY_FROM = LocalTime.of(8, 30);

    private ReplyTiming() {
    }

    /** Minutes from {@code arrived} (contact-local) to the stated time; null when {@code when} is null. */
    static Integer minutes(String when, LocalDateTime arrived, long seed, int step) {
        if (when == null) return null;
        String w = when.strip();
        int jitter = (int) Math.floorMod(seed * 31 + step * 17L, 60);
        if (w.equals("now")) return 1 + jitter % 10;
        LocalDateTime at;
        if (w.equals("not today")) {
            at = arrived.toLocalDate().plusDays(1).atTime(NOT_TODAY_FROM).plusMinutes(jitter);
        } else {
            boolean tomorrow = w.startsWith("tomorrow ");
            LocalTime t = LocalTime.parse(tomorrow ? w.substring(9) : w);
            at = arrived.toLocalDate().plusDays(tomorrow ? 1 : 0).atTime(t);
            if (!at.isAfter(arrived)) at = at.plusDays(1);
        }
        long m = ChronoUnit.MINUTES.between(arrived, at);
        return (int) Math.max(1, Math.min(MAX_MINUTES, m));
    }
}
