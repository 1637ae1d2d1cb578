package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.cli.ServeCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's life over {@code rehearse serve}'s HTTP API: cancelled, timed out, unaffected by persona
 * edits and deletions made while it runs, and an Idempotency-Key that cannot be reused for another
 * request. The persona replies come from the offline engine behind a gate the test opens, so a run
 * is held mid-flight exactly as long as a test needs it to be.
 */
class RunLifecycleTest {
    ServeCommand.Stack stack;
    /** Replies allowed to proceed; the run waits at its first reply until the test releases some. */
    final Semaphore gate = new Semaphore(0);

    @BeforeEach
    void start() throws Exception {
        PersonaResponder offline = new OfflinePersonaEngine();
        PersonaResponder gated = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                try {
                    if (!gate.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
                return offline.respond(request);
            }

            @Override
            public String name() {
                return "gated-offline";
            }
        };
        MessageAnalyst analyst = (m, marketing) -> new MessageAnalysis(m.stepId(), 10, List.of(), "friendly", 90,
                List.of(), Usage.NONE, null);
        LlmJobs jobs = new LlmJobs(gated, analyst, null);
        stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 4, a -> jobs);
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        assertEquals(201, call("PUT", "/workflows/sms-lead-followup", wf, "acme", Map.of()).status());
    }

    @AfterEach
    void stop() {
        gate.release(10_000);
        if (stack != null) stack.close();
    }

    RawHttp.Reply call(String method, String path, String body, String account, Map<String, String> extra) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Rehearsal-Account", account);
        h.put("Content-Type", "application/json");
        h.putAll(extra);
        return RawHttp.request(stack.server().port(), method, path, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(RawHttp.Reply r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    String startRun(String body) throws Exception {
        RawHttp.Reply r = call("POST", "/workflows/sms-lead-followup/test", body, "acme", Map.of());
        assertEquals(202, r.status(), r.body());
        return json(r).get("run_id").asText();
    }

    JsonNode awaitEnd(String runId) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode run;
        do {
            run = json(call("GET", "/tests/" + runId, null, "acme", Map.of()));
            if (!run.get("status").asText().equals("RUNNING")) return run;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still RUNNING: " + run);
    }

    @Test
    void aCancelledRunStopsAndStaysCancelledAndCancelIsIdempotent() throws Exception {
        String runId = startRun("{\"personas\":[\"eager-eddie\",\"cold-carl\"]}");
        assertEquals(404, call("DELETE", "/tests/" + runId, null, "intruder", Map.of()).status(),
                "another account cannot cancel it");

        RawHttp.Reply first = call("DELETE", "/tests/" + runId, null, "acme", Map.of());
        assertEquals(200, first.status(), first.body());
        assertEquals("CANCELLED", json(first).get("status").asText());
        RawHttp.Reply again = call("DELETE", "/tests/" + runId, null, "acme", Map.of());
        assertEquals(200, again.status(), again.body());
        assertEquals("CANCELLED", json(again).get("status").asText());

        gate.release(10_000);
        var execution = stack.runtime().execution(runId);
        execution.await(30, TimeUnit.SECONDS);
        assertNotEquals(ExecutionStatus.SUCCEEDED, execution.status(), "the execution was stopped, not run to the end");
        Thread.sleep(3 * RunWatch.TICK.toMillis());
        JsonNode run = json(call("GET", "/tests/" + runId, null, "acme", Map.of()));
        assertEquals("CANCELLED", run.get("status").asText(), run.toString());
        assertEquals(404, call("GET", "/tests/" + runId + "/report", null, "acme", Map.of()).status());
    }

    @Test
    void cancellingAFinishedRunIsAConflict() throws Exception {
        gate.release(10_000);
        String runId = startRun("{\"personas\":[\"busy-bob\"]}");
        assertEquals("COMPLETED", awaitEnd(runId).get("status").asText());
        RawHttp.Reply r = call("DELETE", "/tests/" + runId, null, "acme", Map.of());
        assertEquals(409, r.status(), r.body());
        assertEquals("run_finished", json(r).at("/error/code").asText());
    }

    @Test
    void aRunPastItsDeadlineFailsTimedOut() throws Exception {
        stack.runtime().runTimeout(Duration.ofMillis(600));
        String runId = startRun("{\"personas\":[\"eager-eddie\"]}");
        JsonNode run = awaitEnd(runId);
        assertEquals("FAILED", run.get("status").asText(), run.toString());
        assertTrue(run.get("error").asText().startsWith("timed_out: "), run.toString());
        gate.release(10_000);
        stack.runtime().execution(runId).await(30, TimeUnit.SECONDS);
        assertEquals("FAILED", json(call("GET", "/tests/" + runId, null, "acme", Map.of())).get("status").asText(),
                "the stopped execution's reconciliation leaves the timed_out verdict");
    }

    @Test
    void deletingOrChangingAPersonaMidRunChangesNothingInTheRun() throws Exception {
        String race = "{\"id\":\"race-9\",\"name\":\"Rae Before\",\"description\":\"Keen, replies fast\","
                + "\"personality\":{\"tone\":\"friendly\",\"response_length\":\"short\",\"decision_speed\":\"fast\","
                + "\"objection_likelihood\":\"low\"}}";
        assertEquals(201, call("POST", "/personas", race, "acme", Map.of()).status());
        String other = race.replace("race-9", "race-10").replace("Rae Before", "Ray Before");
        assertEquals(201, call("POST", "/personas", other, "acme", Map.of()).status());
        String runId = startRun("{\"personas\":[\"race-9\",\"race-10\"],\"seed\":3}");

        // While the run waits at its first reply: one persona deleted, the other rewritten.
        assertEquals(204, call("DELETE", "/personas/race-9", null, "acme", Map.of()).status());
        assertEquals(200, call("PUT", "/personas/race-10", other.replace("Ray Before", "Ray After"), "acme", Map.of()).status());
        gate.release(10_000);

        JsonNode run = awaitEnd(runId);
        assertEquals("COMPLETED", run.get("status").asText(), run.toString());
        for (JsonNode t : run.get("tests")) assertEquals("COMPLETED", t.get("status").asText(), run.toString());
        String report = call("GET", "/tests/" + runId + "/report", null, "acme", Map.of()).body();
        assertTrue(report.contains("Rae Before") && report.contains("Ray Before"), "the run used its snapshots");
        assertTrue(!report.contains("Ray After"), "an edit after the POST does not reach the run");
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherRequestIs422() throws Exception {
        gate.release(10_000);
        Map<String, String> key = Map.of("Idempotency-Key", "order-42");
        RawHttp.Reply first = call("POST", "/workflows/sms-lead-followup/test", "{\"personas\":[\"busy-bob\"]}", "acme", key);
        assertEquals(202, first.status(), first.body());
        RawHttp.Reply same = call("POST", "/workflows/sms-lead-followup/test", "{\"personas\":[\"busy-bob\"]}", "acme", key);
        assertEquals(202, same.status(), same.body());
        assertEquals(json(first).get("run_id"), json(same).get("run_id"));

        RawHttp.Reply other = call("POST", "/workflows/sms-lead-followup/test", "{\"personas\":[\"cold-carl\"]}", "acme", key);
        assertEquals(422, other.status(), other.body());
        assertEquals("idempotency_key_reused", json(other).at("/error/code").asText());
        RawHttp.Reply seed = call("POST", "/workflows/sms-lead-followup/test", "{\"personas\":[\"busy-bob\"],\"seed\":9}", "acme", key);
        assertEquals(422, seed.status(), seed.body());
    }
}
