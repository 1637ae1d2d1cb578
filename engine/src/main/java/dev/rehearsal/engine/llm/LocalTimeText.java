package dev.rehearsal.engine.llm;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * A contact-local wall time as the simulator writes it ("Tue 2026-03-03 19:40": pattern
 * {@value #PATTERN}, root locale), in interactions' {@code local_time}, notes and reply requests. Written and
 * read by hand for years 1 to 9999: the pattern's day name otherwise loads the JDK's locale-provider and CLDR
 * resource machinery on a Lambda's first step, some 100 classes, for three letters that never change
 * (docs/PERFORMANCE.md, "Lambda cold start"). Anything else goes through the formatter itself.
 */
public final class LocalTimeText {
    public static final String PATTERN = "EEE yyyy-MM-dd HH:mm";
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    /** Built on first use outside the hand-written range. */
    private static final class Formatter {
        static final DateTimeFormatter INSTANCE = DateTimeFormatter.ofPattern(PATTERN, Locale.ROOT);
    }

    private LocalTimeText() {
    }

    /** {@code t} (a local or zoned date-time) as {@code DateTimeFormatter.ofPattern(PATTERN, Locale.ROOT)} writes it. */
    public static String format(TemporalAccessor t) {
        int year = t.get(ChronoField.YEAR);
        if (year < 1 || year > 9999) return Formatter.INSTANCE.format(t);
        StringBuilder b = new StringBuilder(20).append(DAYS[t.get(ChronoField.DAY_OF_WEEK) - 1]).append(' ');
        pad(b, year, 4).append('-');
        pad(b, t.get(ChronoField.MONTH_OF_YEAR), 2).append('-');
        pad(b, t.get(ChronoField.DAY_OF_MONTH), 2).append(' ');
        pad(b, t.get(ChronoField.HOUR_OF_DAY), 2).append(':');
        return pad(b, t.get(ChronoField.MINUTE_OF_HOUR), 2).toString();
    }

    /** The text read back, as {@code LocalDateTime.parse(s, formatter)} reads it; null when it does not parse. */
    public static LocalDateTime parse(String s) {
        if (s == null) return null;
        LocalDateTime fast = fastParse(s);
        if (fast != null) return fast;
        try {
            return LocalDateTime.parse(s, Formatter.INSTANCE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Our own shape only (the formatter decides anything else). */
    private static LocalDateTime fastParse(String s) {
        if (s.length() != 20 || s.charAt(3) != ' ' || s.charAt(8) != '-' || s.charAt(11) != '-' || s.charAt(14) != ' '
                || s.charAt(17) != ':') {
            return null;
        }
        int year = digits(s, 4, 8), month = digits(s, 9, 11), day = digits(s, 12, 14);
        int hour = digits(s, 15, 17), minute = digits(s, 18, 20);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute);
            DayOfWeek dow = t.getDayOfWeek();
            return s.startsWith(DAYS[dow.getValue() - 1]) ? t : null;
        } catch (java.time.DateTimeException e) {
            return null; // e.g. February 30th: the formatter words the refusal
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static StringBuilder pad(StringBuilder b, int n, int width) {
        String d = Integer.toString(n);
        for (int i = d.length(); i < width; i++) b.append('0');
        return b.append(d);
    }
}
