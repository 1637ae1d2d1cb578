package dev.rehearsal.providers.jobs;

import dev.rehearsal.engine.persona.Behavior;
import dev.rehearsal.engine.persona.Persona;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented rule that turns the model's "reply_when" into the latency the workflow sees. */
class AvailabilityTest {
    static final LocalDateTime TEN_AM = LocalDateTime.of(2026, 3, 2, 10, 0);
    static final LocalDateTime SEVEN_PM = LocalDateTime.of(2026, 3, 2, 19, 0);

    static Persona evenings(Behavior.Delay delay, String language) {
        return new Persona("p", "Eve", "d", null, Map.of(), List.of(), Map.of(), false,
                new Behavior(language, new Behavior.Hours("18:00", "22:30"), null, delay, null, null, null, null));
    }

    static Availability.Decision at(Persona p, String when, String text, LocalDateTime arrived) {
        return Availability.decide(p, when, text, arrived, 11, 3);
    }

    @Test
    void nowOutsideHoursIsPushedToTheNextOpeningWithoutBlame() {
        Availability.Decision d = at(evenings(null, null), "now", "ok", TEN_AM);
        assertEquals("pushed_into_active_hours", d.when().rule());
        assertTrue(d.latencyMinutes() >= 480 && d.latencyMinutes() < 570, "" + d.latencyMinutes());
        assertNull(d.outOfCharacter(), "the person reads it later: code fixes the time");
    }

    @Test
    void notTodayMeansTomorrowEveningForAnEveningPerson() {
        Availability.Decision d = at(evenings(null, null), "not today", "ok", TEN_AM);
        assertTrue(d.latencyMinutes() >= 32 * 60 && d.latencyMinutes() < 32 * 60 + 90, "" + d.latencyMinutes());
        assertNull(d.outOfCharacter());
    }

    @Test
    void anExplicitTimeJustOutsideTheWindowIsClampedOntoItsEdge() {
        Availability.Decision early = at(evenings(null, null), "17:45", "ok", TEN_AM);
        assertEquals("clamped_to_active_hours", early.when().rule());
        assertEquals(480, early.latencyMinutes());
        assertEquals(465, early.when().saidMinutes());
        Availability.Decision late = at(evenings(null, null), "22:50", "ok", SEVEN_PM);
        assertEquals(209, late.latencyMinutes(), "22:29, the window's last minute");
        assertNull(late.outOfCharacter());
    }

    @Test
    void anExplicitTimeFarOutsideIsPushedAndOutOfCharacter() {
        Availability.Decision d = at(evenings(null, null), "tomorrow 07:30", "ok", SEVEN_PM);
        assertEquals("pushed_into_active_hours", d.when().rule());
        assertTrue(d.outOfCharacter().startsWith("declared active hours 18:00-22:30, but chose to answer at tomorrow 07:30"), d.outOfCharacter());
        assertTrue(d.latencyMinutes() >= 23 * 60, "tomorrow from 18:00: " + d.latencyMinutes());
    }

    @Test
    void nowMeansTheUsualPaceWhenTheReplyDelayIsDeclared() {
        Availability.Decision d = at(evenings(new Behavior.Delay("1h", 1.5), null), "now", "ok", SEVEN_PM);
        assertEquals("usual_delay", d.when().rule());
        assertTrue(d.latencyMinutes() >= 26 && d.latencyMinutes() <= 135, "1h median, spread 1.5, z in [-2,2]: " + d.latencyMinutes());
        assertTrue(d.when().saidMinutes() <= 10, "'now' as said is a few minutes");
    }

    @Test
    void aReplyInAnotherLanguageThanTheDeclaredOneIsOutOfCharacter() {
        assertEquals("declared language es, but the reply is in en",
                at(evenings(null, "es"), "19:30", "Yes, I can come to the class on Thursday at the gym", SEVEN_PM).outOfCharacter());
        assertNull(at(evenings(null, "es"), "19:30", "Sí, el jueves a las 7 me funciona", SEVEN_PM).outOfCharacter());
        assertNull(at(evenings(null, "es"), "19:30", "ok gracias", SEVEN_PM).outOfCharacter(), "too short to judge");
        assertNull(at(evenings(null, null), "19:30", "Sí, el jueves a las 7 me funciona", SEVEN_PM).outOfCharacter(),
                "no declared language, nothing to hold the reply to");
    }

    @Test
    void anyHourPersonasGetTheTimeTheySaid() {
        Persona any = new Persona("p", "Any", "d", null, Map.of(), List.of(), Map.of(), false);
        Availability.Decision d = at(any, "10:15", "ok", TEN_AM);
        assertEquals(15, d.latencyMinutes());
        assertEquals("as_said", d.when().rule());
    }
}
