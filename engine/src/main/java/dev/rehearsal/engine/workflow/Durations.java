package dev.rehearsal.engine.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations marketers write ("30m", "2 hours", "1d", "P1DT2H") into {@link Duration}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("^(\\d+) ?([a-z]+)$");
    /** Longer than any sane drip campaign; catches typos like "1000w". */
    public static final Duration MAX = Duration.ofDays(366);

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null) throw new IllegalArgumentException("duration is missing");
        String s = text.trim();
        Duration d;
        if (s.startsWith("P")) {
            try {
                d = s.contains("W") ? Duration.ofDays(7L * Math.min(Long.parseLong(s.substring(1, s.length() - 1)), 10_000_000L))
                        : Duration.parse(s);
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration");
            }
        } else {
            Matcher m = SHORT.matcher(s.toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 30m, 2h, 1d, 1w)");
            long n;
            try {
                // Anything past ten million units is far beyond MAX in every unit; capping keeps the
                // arithmetic below from overflowing ("99999999999999999h").
                n = Math.min(Long.parseLong(m.group(1)), 10_000_000L);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            d = switch (m.group(2)) {
                case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
                case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
                case "h", "hour", "hours" -> Duration.ofHours(n);
                case "d", "day", "days" -> Duration.ofDays(n);
                case "w", "week", "weeks" -> Duration.ofDays(7 * n);
                default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2) + "'");
            };
        }
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("'" + text + "' must be longer than zero");
        if (d.compareTo(MAX) > 0) throw new IllegalArgumentException("'" + text + "' is longer than 366 days");
        return d;
    }

    /** Compact human form for reports: 90m -> "1h30m". */
    public static String format(Duration d) {
        long mins = d.toMinutes();
        if (mins == 0) return d.toSeconds() + "s";
        StringBuilder b = new StringBuilder();
        long days = mins / 1440, hours = (mins % 1440) / 60, m = mins % 60;
        if (days > 0) b.append(days).append('d');
        if (hours > 0) b.append(hours).append('h');
        if (m > 0) b.append(m).append('m');
        return b.toString();
    }
}
