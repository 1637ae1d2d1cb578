package dev.rehearsal.engine.sim;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-read instants are {@code Instant.parse}'s, and what it refuses is refused with its own exception. */
class InstantTextTest {
    @Test
    void readsWhatInstantToStringWrites() {
        Random r = new Random(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(), max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 50_000; i++) {
            long ms = min + (long) (r.nextDouble() * (max - min));
            if (i % 3 == 0) ms -= Math.floorMod(ms, 1000); // whole seconds: no fraction written
            String s = Instant.ofEpochMilli(ms).toString();
            assertEquals(Instant.parse(s), InstantText.parse(s), s);
        }
    }

    @Test
    void anythingElseIsInstantParsesToDecide() {
        for (String s : List.of("2026-03-03t19:40:00z", "2016-12-31T23:59:60Z", "2026-03-03T24:00:00Z", "2026-03-03T19:40:00.250100Z",
                "2026-03-03T19:40:00.25Z", "2024-02-29T10:00:00Z", "2026-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(s), InstantText.parse(s), s);
        }
        for (String s : List.of("2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z",
                "2026-03-03T19:60:00Z", "2026-03-03T19:40:00", "2026-03-03 19:40:00Z", "2026-03-03T19:4a:00Z", "-026-03-03T19:40:00Z",
                "2026-03-03T19:40:00.2a0Z", "", "Tue 2026-03-03 19:40")) {
            DateTimeParseException expected = assertThrows(DateTimeParseException.class, () -> Instant.parse(s), s);
            DateTimeParseException got = assertThrows(DateTimeParseException.class, () -> InstantText.parse(s), s);
            assertEquals(expected.getMessage(), got.getMessage());
        }
    }
}
