package dev.rehearsal.engine.persona;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** The behavior object: validation with located errors, traits mapped onto knobs, warnings, and the knobs honoured. */
class PersonaBehaviorTest {
    static final String BASE = """
            {"name": "Rosa", "description": "A custom lead.",
             "personality": {"tone": "warm", "response_length": "short", "decision_speed": "medium", "objection_likelihood": "medium"},
             %s
             "contact": {"first_name": "Rosa", "timezone": "America/Chicago"}}""";

    static Persona parse(String extra) {
        return PersonaParser.parse(BASE.formatted(extra));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rate above 1       | \"behavior\": {\"reply_rate\": {\"sms\": 1.5}},                          | /behavior/reply_rate/sms",
            "negative click     | \"behavior\": {\"click_rate\": -0.1},                                   | /behavior/click_rate",
            "hour 25            | \"behavior\": {\"active_hours\": {\"start\": \"25:00\", \"end\": \"22:30\"}}, | /behavior/active_hours/start",
            "hours without end  | \"behavior\": {\"active_hours\": {\"start\": \"18:00\"}},                  | /behavior/active_hours",
            "unknown language   | \"behavior\": {\"language\": \"xq\"},                                    | /behavior/language",
            "not a BCP 47 tag   | \"behavior\": {\"language\": \"spanish please\"},                        | /behavior/language",
            "unreadable delay   | \"behavior\": {\"reply_delay\": {\"median\": \"soon\"}},                  | /behavior/reply_delay/median",
            "spread below 1     | \"behavior\": {\"reply_delay\": {\"median\": \"1h\", \"spread\": 0.5}},   | /behavior/reply_delay/spread",
            "unknown knob       | \"behavior\": {\"mood\": \"grumpy\"},                                     | /behavior/mood"})
    void invalidBehaviorIsALocatedError(String name, String extra, String pointer) {
        var e = assertThrows(InvalidInputException.class, () -> parse(extra));
        assertTrue(e.problems().stream().anyMatch(p -> p.pointer().equals(pointer) && p.line() > 0),
                name + ": " + e.problems());
    }

    @Test
    void traitsMapOntoKnobsAndBehaviorWins() {
        Knobs k = Traits.resolve(parse("\"behavior_traits\": [\"speaks_spanish\", \"replies_only_in_evening\", \"busy_parent\"],"));
        assertEquals("es", k.language());
        assertEquals("18:00", k.activeStart().toString());
        assertEquals(0.4, k.smsReplyRate(), 1e-9, "busy_parent caps a typical lead's rate");
        Knobs own = Traits.resolve(parse("\"behavior_traits\": [\"speaks_spanish\"], \"behavior\": {\"language\": \"en\", \"reply_rate\": {\"sms\": 0.1}},"));
        assertEquals("en", own.language());
        assertEquals(0.1, own.smsReplyRate(), 1e-9);
        for (Persona p : PersonaCatalog.builtIns()) assertNotNull(p.behavior(), p.id() + " is expressed through behavior");
    }

    @Test
    void unknownTraitsWarnWithTheNearestKnownOne() {
        var w = Traits.warnings(parse("\"behavior_traits\": [\"responds_quickley\", \"likes_cats\", \"clicks_links\"],"));
        assertEquals(2, w.size(), w.toString());
        assertEquals("unknown_trait", w.get(0).code());
        assertEquals("/behavior_traits/0", w.get(0).pointer());
        assertTrue(w.get(0).message().contains("did you mean 'responds_quickly'"), w.get(0).message());
        assertFalse(w.get(1).message().contains("did you mean"), "no honest suggestion for " + w.get(1).message());
        assertTrue(PersonaCatalog.builtIns().stream().allMatch(p -> Traits.warnings(p).isEmpty()));
    }

    @Test
    void theReportShowsUnknownTraitsWithoutScoringThem() {
        Persona odd = parse("\"behavior_traits\": [\"responds_quickley\"],").withId("odd", false);
        var wf = dev.rehearsal.engine.TestWorkflows.example("sms-lead-followup");
        var runs = List.of(dev.rehearsal.engine.sim.SimulationRunner.run(wf, odd, new OfflinePersonaEngine(),
                dev.rehearsal.engine.sim.SimulationOptions.defaults(1)));
        var issue = dev.rehearsal.engine.report.SimulationFindings.of(wf, runs).stream()
                .filter(i -> i.type().equals("unknown_trait")).findFirst().orElseThrow();
        assertEquals(dev.rehearsal.engine.validate.Severity.INFO, issue.severity());
        assertEquals("odd", issue.persona());
        assertTrue(issue.message().contains("responds_quickly"), issue.message());
    }

    @Test
    void aLanguageOnlyLlmsWriteIsAWarning() {
        var w = Traits.warnings(parse("\"behavior\": {\"language\": \"fr\"},"));
        assertEquals("offline_language", w.get(0).code());
        assertTrue(w.get(0).message().contains("only LLM providers"), w.get(0).message());
        assertTrue(Traits.warnings(parse("\"behavior\": {\"language\": \"es-MX\"},")).isEmpty());
    }

    @Test
    void spanishAndEveningHoursAreHonoured() {
        Persona rosa = parse("\"behavior_traits\": [\"busy_parent\"], \"behavior\": {\"language\": \"es\", \"active_hours\": {\"start\": \"18:00\", \"end\": \"22:30\"}, \"reply_rate\": {\"sms\": 0.8}},");
        var engine = new OfflinePersonaEngine();
        var fmt = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
        int replies = 0, spanish = 0, inside = 0;
        for (String body : List.of("Reminder: your cleaning at Bright Smile Dental is tomorrow at 10:00. Reply C to confirm or R to reschedule.",
                "Summit Fitness: your first intro session is free. Want to book it this week?")) {
            for (int seed = 0; seed < 100; seed++) {
                LocalDateTime sent = LocalDateTime.of(2026, 3, 3, 9, 0).plusHours(seed % 12);
                PersonaReply r = engine.respond(new ReplyRequest(rosa, new OutboundMessage("s", Channel.SMS, null, body), List.of(),
                        seed, 0, 0, fmt.format(sent), null, 0, 1));
                if (!r.replied() || r.intent() == Intent.OPT_OUT) continue;
                replies++;
                if (r.response().matches("(?s).*([¿¡ñáéíóú]|\\b(la|el|me|gracias|confirmo|nos|vemos|interesa|cuánto|puedo)\\b).*")
                        || r.response().matches("^[A-Z0-9]{1,3}$")) spanish++;
                var at = sent.plusMinutes(r.replyLatencyMinutes()).toLocalTime();
                if (!at.isBefore(java.time.LocalTime.of(18, 0)) && at.isBefore(java.time.LocalTime.of(22, 30))) inside++;
            }
        }
        assertTrue(replies > 80, "replies " + replies);
        assertTrue(spanish >= 0.95 * replies, spanish + "/" + replies + " in Spanish");
        assertEquals(replies, inside, "every reply lands in the evening window");
    }
}
