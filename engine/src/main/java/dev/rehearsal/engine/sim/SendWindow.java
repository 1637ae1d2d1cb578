package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Step;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A delay's {@code window}: hours and weekdays (contact-local) in which the workflow may go on, as
 * Mautic's "restricted hours" and "days of week" hold an action until they allow it. A window whose
 * end is before its start wraps midnight; without start/end any hour counts, without days any day.
 */
final class SendWindow {
    private SendWindow() {
    }

    /** The delay's base wait, then whatever more it takes to land inside the window. */
    static Duration delay(Step step, SimulationSession s, Duration base) {
        ZoneId zone = ZoneId.of(s.timezone);
        ZonedDateTime now = Instant.ofEpochMilli(s.clock).atZone(zone);
        ZonedDateTime at = next(step.config().get("window"), now.plus(base));
        return Duration.between(now, at);
    }

    /** The first instant at or after {@code t} inside the window (searched minute-exact, at most 8 days ahead). */
    static ZonedDateTime next(JsonNode window, ZonedDateTime t) {
        LocalTime start = window.hasNonNull("start") ? LocalTime.parse(window.get("start").asText()) : LocalTime.MIN;
        LocalTime end = window.hasNonNull("end") ? LocalTime.parse(window.get("end").asText()) : null;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        window.path("days").forEach(d -> days.add(day(d.asText())));
        if (days.isEmpty()) days.addAll(EnumSet.allOf(DayOfWeek.class));
        if (inside(t, start, end, days)) return t;
        ZonedDateTime candidate = t.with(start).withSecond(0).withNano(0);
        for (int i = 0; i < 9; i++, candidate = candidate.plusDays(1).with(start)) {
            if (!candidate.isBefore(t) && inside(candidate, start, end, days)) return candidate;
        }
        return t; // the schema admits no window that is never open; keep going rather than stall
    }

    private static boolean inside(ZonedDateTime t, LocalTime start, LocalTime end, Set<DayOfWeek> days) {
        LocalTime clock = t.toLocalTime();
        if (end == null || start.equals(end)) return days.contains(t.getDayOfWeek()) && !clock.isBefore(start);
        if (start.isBefore(end)) return days.contains(t.getDayOfWeek()) && !clock.isBefore(start) && clock.isBefore(end);
        // wraps midnight: the part after midnight belongs to the day the window opened
        if (!clock.isBefore(start)) return days.contains(t.getDayOfWeek());
        return clock.isBefore(end) && days.contains(t.getDayOfWeek().minus(1));
    }

    private static DayOfWeek day(String wire) {
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }
}
