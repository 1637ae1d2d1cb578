package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.store.Interaction;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN invariant 2 against dynalite: a retried ExecuteStep writes one interaction and answers the same cursor. */
class ExecuteStepTest {
    static final String ACCOUNT = "acme";
    final StepFixture f = new StepFixture();
    final InitSimulation init = new InitSimulation(f.services);
    final ExecuteStep step = new ExecuteStep(f.services);

    JsonNode start(RunRecord run, String persona) {
        ObjectNode in = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId())
                .put("personaId", persona);
        return init.handle(in);
    }

    List<Interaction> interactions(RunRecord run) {
        return f.store.runs().interactions(ACCOUNT, run.runId(), null, 100, null).items();
    }

    @Test
    void sameInputTwiceWritesOneInteractionAndReturnsTheSameCursor() {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        JsonNode c0 = start(run, "eager-eddie");
        assertEquals(0, c0.get("stepIndex").asInt());
        assertEquals("intro_sms", c0.get("stepId").asText());
        assertEquals(c0, start(run, "eager-eddie"), "a retried InitSimulation answers the same cursor");

        JsonNode first = step.handle(c0.deepCopy());
        JsonNode second = step.handle(c0.deepCopy());
        assertEquals(first, second);
        assertEquals(1, first.get("stepIndex").asInt());
        assertEquals("tag_new", first.get("stepId").asText());
        List<Interaction> stored = interactions(run);
        assertEquals(1, stored.size());
        assertEquals(0, stored.get(0).stepIndex());
        assertTrue(stored.get(0).document().contains("Summit Fitness"), stored.get(0).document());
    }

    @Test
    void oneInvocationRunsTheFreeStepsUpToAndIncludingOnePaidReplyThenStops() throws Exception {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("busy-bob"), 7);
        JsonNode c1 = step.handle(start(run, "busy-bob").deepCopy());
        assertEquals("tag_new", c1.get("stepId").asText(), "the first message was the first invocation's only step");

        JsonNode c2 = step.handle(c1.deepCopy());
        List<Interaction> written = interactions(run).stream().filter(i -> i.stepIndex() >= 1).toList();
        assertTrue(written.size() >= 2, "the free tag step and what follows it ran in one invocation: " + written.size());
        assertEquals(c2.get("stepIndex").asInt() - 1, written.get(written.size() - 1).stepIndex(), "every step was written");
        for (int i = 0; i < written.size(); i++) {
            boolean asked = Json.mapper().readTree(written.get(i).document()).hasNonNull("reply");
            boolean last = i == written.size() - 1;
            if (!last) assertFalse(asked, "a step before the last asked for a reply: step " + written.get(i).stepIndex());
            else if (!c2.get("done").asBoolean()) assertTrue(asked, "the invocation stops right after the reply it paid for");
        }
        assertEquals(c2, step.handle(c1.deepCopy()), "a retried invocation answers the stored cursor");
        assertEquals(written.size(), interactions(run).stream().filter(i -> i.stepIndex() >= 1).count(), "and writes nothing twice");
    }

    @Test
    void retryAfterACrashBetweenTheTwoWritesKeepsTheFirstRecord() {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("busy-bob"), 7);
        JsonNode c0 = start(run, "busy-bob");
        PersonaTest before = f.store.runs().getTest(ACCOUNT, c0.get("testId").asText()).orElseThrow();
        JsonNode first = step.handle(c0.deepCopy());
        Interaction written = interactions(run).get(0);
        // the interaction was written but the session save "was lost": put the old session back
        f.store.runs().saveTest(ACCOUNT, before);
        JsonNode retried = step.handle(c0.deepCopy());
        assertEquals(first, retried);
        List<Interaction> after = interactions(run);
        assertEquals(1, after.size());
        assertEquals(written.document(), after.get(0).document());
        assertEquals(written.createdAt(), after.get(0).createdAt());
    }

    @Test
    void aWholeLoopThroughTheStreamInterfaceThenReportAndFailure() throws Exception {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup",
                List.of("eager-eddie", "cold-carl"), 7);
        JsonNode loaded = new LoadRun(f.services).handle(Json.mapper().createObjectNode().put("accountId", ACCOUNT)
                .put("runId", run.runId()));
        assertEquals("[\"eager-eddie\",\"cold-carl\"]", loaded.get("personaIds").toString());
        assertEquals(StepServices.DEFAULT_MAX_CONCURRENCY, loaded.get("maxConcurrency").asInt());
        for (String p : run.personaIds()) {
            JsonNode c = start(run, p);
            int guard = 0;
            while (!c.get("done").asBoolean()) {
                c = viaStream(step, c);
                assertTrue(++guard < 100);
                assertTrue(Json.write(c).length() < 400, "cursor stays small: " + c);
            }
            JsonNode fin = new FinishSimulation(f.services).handle(c);
            assertEquals(c.get("stepIndex").asInt(), fin.get("steps").asInt());
        }
        JsonNode rep = new GenerateReport(f.services).handle(loaded);
        assertEquals("COMPLETED", rep.get("status").asText());
        JsonNode report = Json.mapper().readTree(f.store.runs().report(ACCOUNT, run.runId()).orElseThrow().document());
        assertEquals(2, report.get("personas").size());
        assertEquals("sms-lead-followup", report.get("workflow").get("id").asText());
        assertTrue(report.get("personas").get(0).get("goals").toString().contains("booked"), report.toString());
        // the report stage hunts branches too: every transition has a status, and none is left unknown
        JsonNode statuses = report.get("coverage").get("statuses");
        assertEquals(report.get("coverage").get("transitions").asInt(), statuses.size());
        statuses.forEach(t -> assertTrue(!t.get("status").asText().equals("unknown"), t.toString()));
        assertEquals(RunStatus.COMPLETED, f.store.runs().get(ACCOUNT, run.runId()).orElseThrow().status());

        JsonNode failed = new MarkRunFailed(f.services).handle(Json.mapper().createObjectNode().put("accountId", ACCOUNT)
                .put("runId", run.runId()).set("error", Json.mapper().createObjectNode().put("Error", "X").put("Cause", "y")));
        assertEquals("UNCHANGED", failed.get("status").asText(), "a completed run is not marked failed afterwards");
        assertEquals(RunStatus.COMPLETED, f.store.runs().get(ACCOUNT, run.runId()).orElseThrow().status());
    }

    @Test
    void markRunFailedKeepsWhatWasWrittenAndRecordsTheError() {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        step.handle(start(run, "eager-eddie"));
        ObjectNode in = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId());
        in.set("error", Json.mapper().createObjectNode().put("Error", "Lambda.ServiceException").put("Cause", "boom"));
        assertEquals("FAILED", new MarkRunFailed(f.services).handle(in).get("status").asText());
        RunRecord r = f.store.runs().get(ACCOUNT, run.runId()).orElseThrow();
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("Lambda.ServiceException: boom", r.error());
        assertEquals(1, interactions(run).size());
        assertThrows(StepInputException.class, () -> new LoadRun(f.services).handle(in), "a failed run is not loaded again");
    }

    @Test
    void anotherAccountCannotStepSomeoneElsesTest() {
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        ObjectNode c = (ObjectNode) start(run, "eager-eddie");
        c.put("accountId", "intruder");
        assertThrows(StepInputException.class, () -> step.handle(c));
        assertFalse(interactions(run).size() > 0);
    }

    static JsonNode viaStream(StepHandler h, JsonNode in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(Json.write(in).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
