package dev.rehearsal.engine.llm;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written local time text against the formatter it stands in for (stored in interactions). */
class LocalTimeTextTest {
    static final DateTimeFormatter F = DateTimeFormatter.ofPattern(LocalTimeText.PATTERN, Locale.ROOT);

    static LocalDateTime formatterParse(String s) {
        try {
            return LocalDateTime.parse(s, F);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void writesAndReadsWhatTheFormatterWritesAndReads() {
        SplittableRandom r = new SplittableRandom(7);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("America/Chicago"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("Pacific/Chatham"), ZoneId.of("Europe/Madrid"));
        for (int i = 0; i < 20_000; i++) {
            // 1900..2200, every day of the week, every minute of the day
            long epochSecond = r.nextLong(-2_208_988_800L, 7_258_118_400L);
            ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zones.get(i % zones.size()));
            String expected = F.format(t);
            assertEquals(expected, LocalTimeText.format(t), t.toString());
            assertEquals(expected, LocalTimeText.format(t.toLocalDateTime()), t.toString());
            assertEquals(formatterParse(expected), LocalTimeText.parse(expected), expected);
        }
    }

    @Test
    void yearsAtAndPastTheEdgesAndOddTextAgreeWithTheFormatter() {
        for (LocalDateTime t : List.of(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(999, 12, 31, 23, 59),
                LocalDateTime.of(9999, 12, 31, 23, 59), LocalDateTime.of(10_000, 1, 1, 0, 0), LocalDateTime.of(0, 6, 1, 12, 0),
                LocalDateTime.of(-44, 3, 15, 12, 0))) {
            assertEquals(F.format(t), LocalTimeText.format(t), t.toString());
        }
        for (String s : List.of("Tue 2026-03-03 19:40", "Wed 2026-03-03 19:40", "tue 2026-03-03 19:40", "Mon 2026-02-30 10:00",
                "Mon 2026-13-01 10:00", "Tue 2026-03-03 24:00", "Tue 2026-03-03 19:40 ", "Tue 2026-3-03 19:40", "Tue 19:40", "",
                "Tue 2026-03-03T19:40", "Sun 10000-01-02 00:00")) {
            assertEquals(formatterParse(s), LocalTimeText.parse(s), s);
        }
        assertNull(LocalTimeText.parse(null));
    }
}
