package dev.rehearsal.engine.compliance;

import dev.rehearsal.engine.workflow.WorkflowSettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursTest {
    private static final WorkflowSettings DEFAULTS = WorkflowSettings.defaults();

    private static long at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
    }

    private static QuietHours.Verdict check(String local, String zone, Map<String, String> contact) {
        return QuietHours.check(at(local, zone), zone, contact, DEFAULTS);
    }

    @Test
    void floridaEndsAtEightInTheEveningWhereFederalHoursRunToNine() {
        Map<String, String> fl = Map.of("state", "FL");
        // 2026-03-02 is a Monday
        QuietHours.Verdict late = check("2026-03-02T20:30", "America/New_York", fl);
        assertTrue(late.quiet());
        assertTrue(late.rule().startsWith("Florida"), late.rule());
        assertTrue(late.rule().contains("501.059"), "the rule names its source");
        assertFalse(check("2026-03-02T20:30", "America/New_York", Map.of("state", "GA")).quiet(), "federal 21:00 elsewhere");
        assertFalse(check("2026-03-02T19:30", "America/New_York", fl).quiet());
    }

    @Test
    void texasSundaysStartAtNoon() {
        Map<String, String> tx = Map.of("state", "Texas");
        assertTrue(check("2026-03-08T10:00", "America/Chicago", tx).quiet(), "Sunday 10:00");
        assertFalse(check("2026-03-08T12:30", "America/Chicago", tx).quiet(), "Sunday 12:30");
        assertFalse(check("2026-03-07T10:00", "America/Chicago", tx).quiet(), "Saturday 10:00");
        assertTrue(check("2026-03-07T08:30", "America/Chicago", tx).quiet(), "Saturday 08:30: Texas starts at 9");
    }

    @Test
    void mississippiAndAlabamaHaveNoSundaySolicitation() {
        assertTrue(check("2026-03-08T14:00", "America/Chicago", Map.of("state", "MS")).quiet());
        assertTrue(check("2026-03-08T14:00", "America/Chicago", Map.of("phone", "+1 (205) 555-0100")).quiet(), "AL by area code");
        assertFalse(check("2026-03-09T14:00", "America/Chicago", Map.of("state", "MS")).quiet(), "Monday");
    }

    @Test
    void whenStateAndAreaCodeDisagreeOnlyHoursSafeInEveryPlausibleZonePass() {
        // Recorded in New York, but the number is Oklahoman (Central time, 08:00–20:00): 20:30 Eastern is
        // 19:30 in Oklahoma, yet the New York record still puts the contact under the federal window only,
        // so the Oklahoma rule must be judged in Central time as well as Eastern.
        Map<String, String> both = Map.of("state", "NY", "phone", "+14055550100");
        QuietHours.Verdict v = check("2026-03-02T20:30", "America/New_York", both);
        assertTrue(v.quiet(), "20:30 Eastern is past Oklahoma's 20:00 in the contact's own zone");
        assertTrue(v.rule().startsWith("Oklahoma"), v.rule());
        // 08:30 Eastern is 07:30 Central: too early for Oklahoma in Oklahoma's zone
        QuietHours.Verdict early = check("2026-03-02T08:30", "America/New_York", both);
        assertTrue(early.quiet());
        assertTrue(early.localTime().contains("America/Chicago"), early.localTime());
        // with no disagreement (Oklahoma record, Central zone), 08:30 Central is fine
        assertFalse(check("2026-03-02T08:30", "America/Chicago", Map.of("state", "OK", "phone", "+14055550100")).quiet());
    }

    @Test
    void floridaOklahomaAndMarylandCapCommercialTextsAtThreeADay() {
        assertEquals(3, QuietHours.cap(Map.of("state", "FL")).maxPer24h());
        assertEquals("MD", QuietHours.cap(Map.of("phone", "+13015550100")).code());
        assertNull(QuietHours.cap(Map.of("state", "TX")));
        assertNull(QuietHours.cap(Map.of()));
    }
}
