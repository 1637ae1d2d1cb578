package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.flow.FlowAnalysis;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.TransitionStatus;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BranchHunterTest {
    private static final String SMS = "\"body\": \"Hi, your quote is ready. Reply STOP to opt out.\"";
    private static final SimulationOptions OPTIONS = SimulationOptions.defaults(42);

    private static Workflow workflow(String json) {
        return WorkflowParser.parseOrThrow(json);
    }

    private static Persona eddie() {
        return PersonaCatalog.builtIns().get(0);
    }

    private static HuntResult hunt(Workflow w, String... targets) {
        return BranchHunter.hunt(w, FlowAnalysis.of(w), eddie(), OPTIONS, Set.of(targets), BranchHunter.DEFAULT_BUDGET, List.of());
    }

    /** ask -> wait 1h; on_timeout -> delay 1d -> check: a reply that came after the wait gave up. */
    private static final String LATE = """
            {"id": "late", "name": "Late", "start": "ask", "steps": [
              {"id": "ask", "type": "send_sms", "config": {%s}, "next": "w"},
              {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1h"}, "on_reply": "thanks", "on_timeout": "d"},
              {"id": "d", "type": "delay", "config": {"duration": "1d"}, "next": "check"},
              {"id": "check", "type": "condition", "branches": [
                 {"label": "late stop", "when": {"reply_intent": ["opt_out"]}, "next": "winback"},
                 {"label": "late reply", "when": {"replied": true}, "next": "thanks"}], "default": "done"},
              {"id": "winback", "type": "send_sms", "config": {"body": "Sorry to see you go! Here is 10%% off. Reply STOP to opt out."}, "next": "done"},
              {"id": "thanks", "type": "send_sms", "config": {"body": "Thanks, we will call you."}, "next": "done"},
              {"id": "done", "type": "end"}]}
            """.formatted(SMS);

    @Test
    void aLateReplyAfterTheTimeoutIsWitnessed() {
        Workflow w = workflow(LATE);
        String target = "check -[branch:late reply]-> thanks";
        HuntResult r = hunt(w, target);
        Witness wit = r.witnesses().get(target);
        assertNotNull(wit, () -> "unknown: " + r.unknown());
        assertTrue(wit.script().get(0).contains("after the wait timed out"), wit.script()::toString);
        assertTrue(wit.transcript().stream().anyMatch(i -> "on_timeout".equals(i.transition())), "the wait timed out first");
        assertTrue(wit.transcript().stream().anyMatch(i -> "branch:late reply".equals(i.transition())));
        assertTrue(r.unknown().isEmpty());
    }

    @Test
    void aWitnessThatRevealsAMessageAfterOptOutCountsAsAFinding() {
        Workflow w = workflow(LATE);
        String target = "check -[branch:late stop]-> winback";
        HuntResult r = hunt(w, target);
        assertNotNull(r.witnesses().get(target), () -> "unknown: " + r.unknown());
        // 'winback' is reached only by the late STOP the target search found; 'thanks' (a STOP read as a
        // reply by the wait) comes from the defect hunt trying an on-time STOP.
        List<Issue> after = r.findings().stream().filter(i -> i.type().equals("message_after_opt_out")
                && i.stepId().equals("winback")).toList();
        assertEquals(1, after.size(), r.findings()::toString);
        assertEquals(Severity.CRITICAL, after.get(0).severity());
        assertEquals(BranchHunter.SCRIPTED_ID, after.get(0).persona());
        assertTrue(after.get(0).message().contains("scripted lead"), after.get(0).message());
    }

    @Test
    void anOptOutOnEmailOnlyIsWitnessed() {
        Workflow w = workflow("""
                {"id": "mix", "name": "Mix", "start": "e", "steps": [
                  {"id": "e", "type": "send_email", "config": {"subject": "Your quote", "body": "Hello. Unsubscribe: {{account.unsubscribe_url}} 1 Main Street, Austin TX 78701"}, "next": "s"},
                  {"id": "s", "type": "send_sms", "config": {%s}, "next": "d"},
                  {"id": "d", "type": "delay", "config": {"duration": "1d"}, "next": "c"},
                  {"id": "c", "type": "condition", "branches": [
                     {"label": "email only", "when": {"all": [{"opted_out": "email"}, {"not": {"opted_out": "sms"}}]}, "next": "again"}],
                   "default": "done"},
                  {"id": "again", "type": "send_sms", "config": {"body": "Texts only from now on."}, "next": "done"},
                  {"id": "done", "type": "end"}]}
                """.formatted(SMS));
        String target = "c -[branch:email only]-> again";
        HuntResult r = hunt(w, target);
        Witness wit = r.witnesses().get(target);
        assertNotNull(wit, () -> "unknown: " + r.unknown());
        String first = wit.script().get(0);
        assertTrue(first.startsWith("at 'e'") && (first.contains("unsubscribe") || first.contains("removed")), wit.script()::toString);
        assertTrue(wit.transcript().stream().anyMatch(i -> "again".equals(i.stepId())));
    }

    @Test
    void statusesMarkDeadBranchesUnreachableAndHuntedOnesWitnessed() {
        Workflow w = workflow("""
                {"id": "dead", "name": "Dead", "start": "ask", "steps": [
                  {"id": "ask", "type": "send_sms", "config": {%s}, "next": "w"},
                  {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1h"}, "on_reply": "done", "on_timeout": "c"},
                  {"id": "c", "type": "condition", "branches": [
                     {"label": "hot", "when": {"reply_intent": ["interested"]}, "next": "done"}], "default": "done"},
                  {"id": "done", "type": "end"}]}
                """.formatted(SMS));
        Report report = Rehearsal.run(new Rehearsal.Spec(w, List.of(eddie()), new OfflinePersonaEngine(), OPTIONS, List.of(),
                null, null, null));
        List<TransitionStatus> statuses = report.coverage().statuses();
        assertEquals(w.steps().stream().mapToInt(s -> s.transitions().size()).sum(), statuses.size());
        TransitionStatus hot = statuses.stream().filter(t -> t.transition().equals("c -[branch:hot]-> done")).findFirst().orElseThrow();
        assertEquals(TransitionStatus.Status.UNREACHABLE, hot.status());
        assertTrue(hot.reason().contains("on_timeout"), hot.reason());
        assertEquals(0, report.coverage().count(TransitionStatus.Status.UNKNOWN));
        assertTrue(statuses.stream().allMatch(t -> t.status() != TransitionStatus.Status.COVERED || t.walks() == 1));
        // and hunting off leaves the live ones unknown rather than guessing
        Report off = Rehearsal.run(new Rehearsal.Spec(w, List.of(eddie()), new OfflinePersonaEngine(), OPTIONS, List.of(),
                null, null, null, false));
        assertEquals(0, off.coverage().count(TransitionStatus.Status.WITNESSED));
        assertEquals(report.coverage().count(TransitionStatus.Status.WITNESSED), off.coverage().count(TransitionStatus.Status.UNKNOWN));
    }

    @Test
    void everyShippedExampleEndsWithNoTransitionUnknown() throws Exception {
        try (var files = java.nio.file.Files.list(dev.rehearsal.engine.TestWorkflows.examples())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".workflow.json"))
                    .map(n -> n.substring(0, n.length() - ".workflow.json".length())).sorted().toList();
            assertTrue(names.size() >= 4, names::toString);
            for (String name : names) {
                Workflow w = dev.rehearsal.engine.TestWorkflows.example(name);
                Report r = Rehearsal.run(new Rehearsal.Spec(w, PersonaCatalog.builtIns(), new OfflinePersonaEngine(), OPTIONS,
                        List.of(), null, null, null));
                List<String> unknown = r.coverage().statuses().stream()
                        .filter(t -> t.status() == TransitionStatus.Status.UNKNOWN).map(TransitionStatus::transition).toList();
                assertEquals(List.of(), unknown, name);
            }
        }
    }

    @Test
    void huntingDoesNotChangeThePersonaWalks() {
        Workflow w = workflow(LATE);
        List<Persona> people = PersonaCatalog.builtIns();
        Report on = Rehearsal.run(new Rehearsal.Spec(w, people, new OfflinePersonaEngine(), OPTIONS, List.of(), null, null, null, true));
        Report off = Rehearsal.run(new Rehearsal.Spec(w, people, new OfflinePersonaEngine(), OPTIONS, List.of(), null, null, null, false));
        assertEquals(Json.write(off.personas()), Json.write(on.personas()));
        assertEquals(off.coverage().covered(), on.coverage().covered());
        assertFalse(on.issues().stream().filter(i -> i.persona() == null || !i.persona().equals(BranchHunter.SCRIPTED_ID))
                .count() < off.issues().size());
    }

    @Test
    void theDirectCopyMatchesTheJsonCopy() {
        Workflow w = workflow(LATE);
        SimulationSession s = SimulationRunner.run(w, eddie(), new OfflinePersonaEngine(), OPTIONS).session();
        assertTrue(SessionCopier.DIRECT, "the copier knows every field of the session and contact");
        assertEquals(Json.write(s.copy()), Json.write(SessionCopier.copy(s)));
    }

    /** Every transition is covered by the walks, yet a STOP sent just after the wait gave up is followed by a nudge. */
    private static final String COVERED_BUT_LATE = """
            {"id": "nudge", "name": "Nudge", "start": "ask", "steps": [
              {"id": "ask", "type": "send_sms", "config": {%s}, "next": "w"},
              {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1h"}, "on_reply": "read", "on_timeout": "d"},
              {"id": "read", "type": "condition", "branches": [
                 {"label": "stop", "when": {"opted_out": true}, "next": "done"}], "default": "thanks"},
              {"id": "thanks", "type": "send_sms", "config": {"body": "Thanks, we will call you."}, "next": "done"},
              {"id": "d", "type": "delay", "config": {"duration": "1d"}, "next": "nudge"},
              {"id": "nudge", "type": "send_sms", "config": {"body": "Still thinking about your quote? Reply STOP to opt out."}, "next": "done"},
              {"id": "done", "type": "end"}]}
            """.formatted(SMS);

    @Test
    void theDefectHuntTriesALateOptOutOnACoveredPathAndItCountsInTheVerdict() {
        Workflow w = workflow(COVERED_BUT_LATE);
        List<Persona> people = PersonaCatalog.builtIns();
        Report on = Rehearsal.run(new Rehearsal.Spec(w, people, new OfflinePersonaEngine(), OPTIONS, List.of(), null, null, null, true));
        Report off = Rehearsal.run(new Rehearsal.Spec(w, people, new OfflinePersonaEngine(), OPTIONS, List.of(), null, null, null, false));
        Issue late = on.issues().stream().filter(i -> i.type().equals("message_after_opt_out") && "nudge".equals(i.stepId()))
                .findFirst().orElseThrow(() -> new AssertionError(on.issues().toString()));
        assertEquals(BranchHunter.SCRIPTED_ID, late.persona());
        assertTrue(late.message().contains("texts STOP") && late.message().contains("after the wait timed out"), late.message());
        assertTrue(off.issues().stream().noneMatch(i -> i.type().equals("message_after_opt_out") && "nudge".equals(i.stepId())),
                "the walks alone do not show it");
        assertFalse(on.passed(), "a witnessed critical fails the run");
        assertTrue(on.score() < off.score(), on.score() + " vs " + off.score());
        assertEquals(Json.write(off.personas()), Json.write(on.personas()), "the walks stay as they were");
    }

    @Test
    void theDefectHuntIsSilentOnTheFixedTwin() {
        Workflow fixed = workflow(COVERED_BUT_LATE.replace(
                "{\"id\": \"d\", \"type\": \"delay\", \"config\": {\"duration\": \"1d\"}, \"next\": \"nudge\"}",
                "{\"id\": \"d\", \"type\": \"delay\", \"config\": {\"duration\": \"1d\"}, \"next\": \"recheck\"},"
                        + "{\"id\": \"recheck\", \"type\": \"condition\", \"branches\": [{\"label\": \"out\", \"when\": {\"opted_out\": true}, \"next\": \"done\"}], \"default\": \"nudge\"}"));
        assertNotNull(fixed.step("recheck"));
        HuntResult r = BranchHunter.hunt(fixed, FlowAnalysis.of(fixed), eddie(), OPTIONS, Set.of(), BranchHunter.DEFAULT_BUDGET, List.of());
        assertEquals(List.of(), r.findings().stream().filter(i -> i.type().equals("message_after_opt_out")).toList());
    }

    @Test
    void aClickAfterTheOpenWaitGaveUpAndAClickWithoutAnOpenAreWitnessed() {
        Workflow w = workflow("""
                {"id": "click", "name": "Click", "start": "e", "steps": [
                  {"id": "e", "type": "send_email", "config": {"subject": "Your roof quote", "body": "See it: https://roof.example.com/q Unsubscribe: {{account.unsubscribe_url}} 1 Main Street, Austin TX 78701"}, "next": "w"},
                  {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1d", "for": "email_open"}, "on_reply": "done", "on_timeout": "d"},
                  {"id": "d", "type": "delay", "config": {"duration": "2d"}, "next": "c"},
                  {"id": "c", "type": "condition", "branches": [
                     {"label": "clicked, never opened", "when": {"all": [{"email_clicked": true}, {"email_opened": false}]}, "next": "done"},
                     {"label": "clicked late", "when": {"email_clicked": true}, "next": "call"}], "default": "done"},
                  {"id": "call", "type": "notify_team", "config": {"message": "Call {{contact.first_name}}: clicked the quote late"}, "next": "done"},
                  {"id": "done", "type": "end"}]}
                """);
        Report report = Rehearsal.run(new Rehearsal.Spec(w, PersonaCatalog.builtIns(), new OfflinePersonaEngine(), OPTIONS, List.of(),
                null, null, null));
        TransitionStatus late = status(report, "c -[branch:clicked late]-> call");
        assertTrue(late.status() == TransitionStatus.Status.WITNESSED || late.status() == TransitionStatus.Status.COVERED, late::toString);
        HuntResult r = hunt(w, "c -[branch:clicked late]-> call");
        Witness wit = r.witnesses().get("c -[branch:clicked late]-> call");
        assertNotNull(wit, () -> "unknown: " + r.unknown());
        assertTrue(wit.script().stream().anyMatch(x -> x.contains("clicks") && x.contains("after the wait timed out")), wit.script()::toString);
        // The personas load images (their clicks register opens); a lead with images off clicks without an open.
        TransitionStatus never = status(report, "c -[branch:clicked, never opened]-> done");
        assertEquals(TransitionStatus.Status.WITNESSED, never.status(), never::toString);
        Witness blind = hunt(w, "c -[branch:clicked, never opened]-> done").witnesses().get("c -[branch:clicked, never opened]-> done");
        assertNotNull(blind);
        assertTrue(blind.script().stream().anyMatch(x -> x.contains("images off")), blind.script()::toString);
    }

    private static TransitionStatus status(Report r, String key) {
        return r.coverage().statuses().stream().filter(t -> t.transition().equals(key)).findFirst().orElseThrow();
    }

    /** A call that (in the walks) always succeeds and returns "morning": its failure and its other output are choices. */
    private static final String CALL = """
            {"id": "call", "name": "Call", "start": "lookup", "settings": {"external_call_success_rate": 1.0},
             "steps": [
              {"id": "lookup", "type": "external_call", "config": {"kind": "http_request", "url": "https://crm.example.com/slots",
                 "outputs": {"slot": {"values": ["morning"]}}}, "next": "pick", "on_failure": "sorry"},
              {"id": "pick", "type": "condition", "branches": [
                 {"label": "evening", "when": {"field": {"name": "slot", "equals": "evening"}}, "next": "eve"}], "default": "offer"},
              {"id": "eve", "type": "send_sms", "config": {"body": "We can come by this evening. Reply STOP to opt out."}, "next": "done"},
              {"id": "offer", "type": "send_sms", "config": {"body": "We can come by in the morning. Reply STOP to opt out."}, "on_failure": "alert", "next": "done"},
              {"id": "alert", "type": "notify_team", "config": {"message": "Could not text the lead"}, "next": "done"},
              {"id": "sorry", "type": "notify_team", "config": {"message": "Slot lookup failed"}, "next": "done"},
              {"id": "done", "type": "end"}]}
            """;

    @Test
    void externalCallOutcomesOutputsAndUndeliveredMessagesAreChoicePoints() {
        Workflow w = workflow(CALL);
        Report walks = Rehearsal.run(new Rehearsal.Spec(w, PersonaCatalog.builtIns(), new OfflinePersonaEngine(), OPTIONS, List.of(),
                null, null, null, false));
        for (String t : List.of("lookup -[on_failure]-> sorry", "pick -[branch:evening]-> eve", "offer -[on_failure]-> alert")) {
            assertEquals(TransitionStatus.Status.UNKNOWN, status(walks, t).status(), t + ": no walk takes it");
        }
        HuntResult r = hunt(w, "lookup -[on_failure]-> sorry", "pick -[branch:evening]-> eve", "offer -[on_failure]-> alert");
        assertEquals(Set.of(), r.unknown());
        assertTrue(r.witnesses().get("lookup -[on_failure]-> sorry").script().get(0).contains("the call fails"));
        assertTrue(r.witnesses().get("pick -[branch:evening]-> eve").script().get(0).contains("slot=evening"),
                r.witnesses().get("pick -[branch:evening]-> eve").script()::toString);
        assertTrue(r.witnesses().get("offer -[on_failure]-> alert").script().stream().anyMatch(x -> x.contains("not delivered")));
        assertTrue(r.witnesses().get("pick -[branch:evening]-> eve").transcript().get(0).note().contains("scripted by the branch hunt"));
    }

    @Test
    void suppliedInputValuesAreChoicesAtTheStart() {
        Workflow w = workflow("""
                {"id": "ev", "name": "Events", "start": "split",
                 "inputs": {"event_type": {"values": ["booked"]}},
                 "steps": [
                  {"id": "split", "type": "condition", "branches": [
                     {"label": "booked", "when": {"text": {"input": "{{contact.event_type}}", "operator": "equal_to", "value": "booked"}}, "next": "b"},
                     {"label": "canceled", "when": {"text": {"input": "{{contact.event_type}}", "operator": "matches_any_of", "value": "canceled, cancelled"}}, "next": "c"},
                     {"label": "zip", "when": {"text": {"input": "{{contact.event_type}}", "operator": "regex", "value": "^606\\\\d\\\\d$"}}, "next": "c"}],
                   "default": "done"},
                  {"id": "b", "type": "send_sms", "config": {"body": "Booked! Reply STOP to opt out."}, "next": "done"},
                  {"id": "c", "type": "send_sms", "config": {"body": "Canceled. Reply STOP to opt out."}, "next": "done"},
                  {"id": "done", "type": "end"}]}
                """);
        HuntResult r = hunt(w, "split -[branch:canceled]-> c", "split -[branch:zip]-> c", "split -[default]-> done");
        assertEquals(Set.of(), r.unknown());
        assertTrue(r.witnesses().get("split -[branch:zip]-> c").script().get(0).matches("starts with event_type=\"606\\d\\d\""),
                r.witnesses().get("split -[branch:zip]-> c").script()::toString);
    }

    @Test
    void aRegexExampleIsOneTheRegexFinds() {
        assertTrue(TestedValues.regexExample("^606\\d\\d$").matches("606\\d\\d"));
        assertTrue(java.util.regex.Pattern.compile("(yes|y|book)", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(TestedValues.regexExample("^(yes|y|book)")).find());
    }
}
