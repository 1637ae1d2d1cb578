package dev.rehearsal.engine.compliance;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.SimulationFindings;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quiet hours and frequency judged on unsolicited messages only, through the simulator. */
class UnsolicitedSendsTest {
    private static final String SMS = "Reply STOP to opt out.";

    /** Always answers after {@code minutes} with "Ok." */
    private static PersonaResponder answering(Integer minutes) {
        return new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest r) {
                return minutes == null ? new PersonaReply(null, "silent", Sentiment.NEUTRAL, Intent.NEUTRAL, 0, Set.of(), null, null, null)
                        : new PersonaReply("Ok.", "answers", Sentiment.NEUTRAL, Intent.NEUTRAL, 50, Set.of(), minutes, null, null);
            }

            @Override
            public String name() {
                return "test";
            }
        };
    }

    private static Persona persona(Map<String, String> extra) {
        Persona base = PersonaCatalog.builtIns().get(0);
        Map<String, String> contact = new HashMap<>(base.contact());
        contact.putAll(extra);
        contact.put("timezone", "America/New_York");
        return new Persona(base.id(), base.name(), base.description(), base.personality(), base.demographics(),
                base.behaviorTraits(), contact, true);
    }

    private static List<Issue> findings(Workflow w, Persona p, PersonaResponder r, LocalDateTime start) {
        var run = SimulationRunner.run(w, p, r, SimulationOptions.defaults(1).withStart(start));
        return SimulationFindings.of(w, List.of(run));
    }

    /** Ten questions, each sent right after the contact's answer arrives. */
    private static Workflow questionnaire() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String next = i < 9 ? "q" + (i + 1) : "done";
            steps.append("{\"id\": \"q").append(i).append("\", \"type\": \"send_sms\", \"config\": {\"body\": \"Question ").append(i)
                    .append("? ").append(SMS).append("\"}, \"next\": \"w").append(i).append("\"},")
                    .append("{\"id\": \"w").append(i).append("\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"1h\"}, \"on_reply\": \"")
                    .append(next).append("\", \"on_timeout\": \"done\"},");
        }
        return WorkflowParser.parseOrThrow("{\"id\": \"q\", \"name\": \"Intake\", \"start\": \"q0\", \"steps\": [" + steps
                + "{\"id\": \"done\", \"type\": \"end\"}]}");
    }

    @Test
    void answersToTheContactsOwnRepliesAreNotCountedAsPressure() {
        List<Issue> issues = findings(questionnaire(), persona(Map.of()), answering(2), LocalDateTime.of(2026, 3, 2, 10, 0));
        assertEquals(List.of(), issues.stream().filter(i -> i.type().equals("message_frequency")).toList());
    }

    @Test
    void unsolicitedBlastsStillCountForFrequency() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            steps.append("{\"id\": \"m").append(i).append("\", \"type\": \"send_sms\", \"config\": {\"body\": \"Deal ").append(i).append(". ")
                    .append(SMS).append("\"}, \"next\": \"d").append(i).append("\"},{\"id\": \"d").append(i)
                    .append("\", \"type\": \"delay\", \"config\": {\"duration\": \"1h\"}, \"next\": \"").append(i < 4 ? "m" + (i + 1) : "done").append("\"},");
        }
        Workflow w = WorkflowParser.parseOrThrow("{\"id\": \"b\", \"name\": \"Blast\", \"start\": \"m0\", \"steps\": [" + steps
                + "{\"id\": \"done\", \"type\": \"end\"}]}");
        List<Issue> issues = findings(w, persona(Map.of("state", "FL")), answering(null), LocalDateTime.of(2026, 3, 2, 10, 0));
        assertEquals(2, issues.stream().filter(i -> i.type().equals("message_frequency")).count(), issues::toString);
        List<Issue> florida = issues.stream().filter(i -> i.type().equals("state_message_frequency")).toList();
        assertEquals(2, florida.size(), issues::toString);
        assertEquals(Severity.ERROR, florida.get(0).severity());
        assertTrue(florida.get(0).message().contains("Florida"), florida.get(0).message());
    }

    private static Workflow lateText(String category, boolean transactionalStep) {
        return WorkflowParser.parseOrThrow("""
                {"id": "wb", "name": "Win-back", "start": "d", "settings": {"category": "%s"}, "steps": [
                  {"id": "d", "type": "delay", "config": {"until": "23:00"}, "next": "s"},
                  {"id": "s", "type": "send_sms", "config": {"body": "We miss you! %s", "transactional": %s}, "next": "done"},
                  {"id": "done", "type": "end"}]}
                """.formatted(category, SMS, transactionalStep));
    }

    @Test
    void anUnsolicitedMarketingTextInQuietHoursIsAnErrorAndATransactionalOneAWarning() {
        LocalDateTime monday = LocalDateTime.of(2026, 3, 2, 10, 0);
        List<Issue> marketing = findings(lateText("marketing", false), persona(Map.of()), answering(null), monday);
        Issue q = marketing.stream().filter(i -> i.type().equals("sms_quiet_hours")).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, q.severity());
        assertTrue(q.severity().failsRun());
        assertTrue(q.message().contains("unsolicited marketing"), q.message());
        for (Workflow t : List.of(lateText("transactional", false), lateText("marketing", true))) {
            Issue w = findings(t, persona(Map.of()), answering(null), monday).stream()
                    .filter(i -> i.type().equals("sms_quiet_hours")).findFirst().orElseThrow();
            assertEquals(Severity.WARNING, w.severity());
        }
    }

    @Test
    void anAnswerAtNightToTheContactsOwnTextIsNotAQuietHoursFinding() {
        Workflow w = WorkflowParser.parseOrThrow("""
                {"id": "n", "name": "Night", "start": "d", "steps": [
                  {"id": "d", "type": "delay", "config": {"until": "19:30"}, "next": "ask"},
                  {"id": "ask", "type": "send_sms", "config": {"body": "Still interested? %1$s"}, "next": "w"},
                  {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1d"}, "on_reply": "answer", "on_timeout": "done"},
                  {"id": "answer", "type": "send_sms", "config": {"body": "Thanks! %1$s"}, "next": "done"},
                  {"id": "done", "type": "end"}]}
                """.formatted(SMS));
        // the contact answers at 22:30, three hours after the 19:30 question; the workflow replies at once
        List<Issue> issues = findings(w, persona(Map.of()), answering(180), LocalDateTime.of(2026, 3, 2, 10, 0));
        assertEquals(List.of(), issues.stream().filter(i -> i.type().equals("sms_quiet_hours")).toList());
    }
}
