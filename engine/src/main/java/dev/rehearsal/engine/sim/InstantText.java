package dev.rehearsal.engine.sim;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads back the instants interactions carry ({@code at}, {@code reply_at}: {@code Instant.toString()} of an epoch-ms
 * clock, "2026-03-03T19:40:00Z" or "2026-03-03T19:40:00.250Z"). The report stage reads thousands per rehearsal, where
 * {@link Instant#parse} costs ~9 µs each on a cold JVM against ~1 µs here (docs/PERFORMANCE.md, "Fifth round").
 * Exactly {@code Instant.parse}'s result: only those two shapes with in-range fields are read by hand, anything else
 * (lower case, a leap second, 24:00, other fractions, a bad date) goes to it.
 */
public final class InstantText {
    private InstantText() {
    }

    public static Instant parse(String s) {
        Instant fast = s == null ? null : fastParse(s);
        return fast != null ? fast : Instant.parse(s);
    }

    private static Instant fastParse(String s) {
        int n = s.length();
        if ((n != 20 && n != 24) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n == 24 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        int millis = n == 24 ? digits(s, 20, 23) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
