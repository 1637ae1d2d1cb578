package dev.rehearsal.engine.compliance;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A US state's calling-hours rule where it is stricter than the federal 08:00–21:00 (47 CFR
 * 64.1200(c)(1)): the window on weekdays, Saturdays and Sundays (null: no solicitation that day),
 * the time zones the state spans, an optional cap on commercial messages per 24 hours, and the source.
 */
public record StateRule(String code, String name, LocalTime from, LocalTime to, LocalTime saturdayFrom,
                        LocalTime saturdayTo, LocalTime sundayFrom, LocalTime sundayTo, List<String> zones,
                        Integer maxPer24h, String source) {

    /** Whether a contact-local time on that day is inside the window. */
    public boolean allows(DayOfWeek day, LocalTime t) {
        LocalTime a = day == DayOfWeek.SUNDAY ? sundayFrom : day == DayOfWeek.SATURDAY ? saturdayFrom : from;
        LocalTime b = day == DayOfWeek.SUNDAY ? sundayTo : day == DayOfWeek.SATURDAY ? saturdayTo : to;
        return a != null && !t.isBefore(a) && t.isBefore(b);
    }

    /** "Texas: Mon–Sat 09:00–21:00, Sun 12:00–21:00". */
    public String describe() {
        String week = from + "–" + to;
        String sat = saturdayFrom == null ? "none" : saturdayFrom + "–" + saturdayTo;
        String sun = sundayFrom == null ? "none" : sundayFrom + "–" + sundayTo;
        if (sat.equals(week) && sun.equals(week)) return name + ": " + week + " every day";
        if (sat.equals(week)) return name + ": Mon–Sat " + week + ", Sunday " + sun;
        return name + ": Mon–Fri " + week + ", Saturday " + sat + ", Sunday " + sun;
    }
}
