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
        List<Issue> after = r.findings().stream().filter(i -> i.type().equals("message_after_opt_out")).toList();
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
}
