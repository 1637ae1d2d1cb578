package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class TimingValidatorTest {
    private final TimingValidator v = new TimingValidator();

    private static String sms(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_sms\", \"config\": {\"body\": \"Hi. Reply STOP to opt out.\"}, \"next\": \"" + next + "\"}";
    }

    private static String email(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_email\", \"config\": {\"subject\": \"Hi\", \"body\": \"Hi.\"}, \"next\": \"" + next + "\"}";
    }

    private static String step(String id, String type, String config, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"config\": " + config + ", \"next\": \"" + next + "\"}";
    }

    private static final String END = "{\"id\": \"z\", \"type\": \"end\"}";

    @ParameterizedTest(name = "until {0} (quiet {1}-{2}) -> fires: {3}")
    @CsvSource({
            "22:30, 21:00, 08:00, true",
            "07:59, 21:00, 08:00, true",
            "08:00, 21:00, 08:00, false",
            "10:00, 21:00, 08:00, false",
            "13:00, 12:00, 14:00, true",
    })
    void delayUntilInsideQuietHours(String until, String qs, String qe, boolean fires) {
        Workflow w = workflow("d", String.join(",", step("d", "delay", "{\"until\": \"" + until + "\"}", "a"), sms("a", "z"), END),
                "{\"quiet_hours\": {\"start\": \"" + qs + "\", \"end\": \"" + qe + "\"}}");
        List<Issue> i = ofType(v.validate(w), "delay_until_quiet_hours");
        assertEquals(fires ? 1 : 0, i.size());
        if (fires) {
            assertEquals("/steps/0/config/until", i.get(0).pointer());
            assertEquals(Severity.WARNING, i.get(0).severity());
        }
    }

    @Test
    void backToBackMessagesAreABurst() {
        Workflow w = workflow("a", String.join(",", sms("a", "b"), email("b", "z"), END));
        List<Issue> b = ofType(v.validate(w), "burst");
        assertEquals(List.of("a"), b.stream().map(Issue::stepId).toList());
        assertTrue(b.get(0).message().contains("'b'"), b.get(0).message());
    }

    @Test
    void burstIsSeenThroughInstantSteps() {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"vip\"}, \"next\": \"t\"}], \"default\": \"z\"}";
        Workflow w = workflow("a", String.join(",", sms("a", "c"), cond,
                step("t", "add_tag", "{\"tag\": \"x\"}", "b"), sms("b", "z"), END));
        List<Issue> b = ofType(v.validate(w), "burst");
        assertEquals(1, b.size());
        assertTrue(b.get(0).message().contains("'b'"), b.get(0).message());
    }

    @Test
    void aGoalTakesNoTimeSoSendGoalSendIsABurst() {
        Workflow w = workflow("a", String.join(",", sms("a", "g"), step("g", "goal", "{\"goal\": \"booked\"}", "b"),
                sms("b", "z"), END));
        assertEquals(1, ofType(v.validate(w), "burst").size());
    }

    @Test
    void delayOrWaitBetweenMessagesIsNoBurst() {
        String wait = "{\"id\": \"w\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"1d\"}, \"on_reply\": \"c\", \"on_timeout\": \"c\"}";
        Workflow w = workflow("a", String.join(",", sms("a", "d"), step("d", "delay", "{\"duration\": \"1h\"}", "b"),
                sms("b", "w"), wait, sms("c", "z"), END));
        assertEquals(List.of(), v.validate(w));
    }

    @Test
    void everySendOfALongRunIsReportedWithItsFollower() {
        // 2k back-to-back sends, the last one reaching another send through a 2k-step tag chain
        int n = 2_000;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(sms("s" + i, i + 1 < n ? "s" + (i + 1) : "t0")).append(',');
        }
        for (int i = 0; i < n; i++) b.append(step("t" + i, "add_tag", "{\"tag\": \"x\"}", i + 1 < n ? "t" + (i + 1) : "last")).append(',');
        b.append(sms("last", "z")).append(',').append(END);
        List<Issue> bursts = ofType(v.validate(workflow("s0", b.toString())), "burst");
        assertEquals(n, bursts.size());
        assertTrue(bursts.get(n - 1).message().contains("'last'"));
    }
}
