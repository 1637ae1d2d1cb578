package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.run.RunStartUncertainException;
import dev.rehearsal.store.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartTestTest {
    final ApiFixture f = new ApiFixture();
    static final String A = "acct-start";

    @Test
    void anIdempotencyKeyStartsOneRunOnce() {
        f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        Map<String, String> key = Map.of("Idempotency-Key", "order-17");
        APIGatewayV2HTTPResponse first = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{}", Map.of(), key));
        APIGatewayV2HTTPResponse retry = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{}", Map.of(), key));
        assertEquals(202, first.getStatusCode(), first.getBody());
        assertEquals(202, retry.getStatusCode());
        assertEquals(ApiFixture.json(first).get("run_id"), ApiFixture.json(retry).get("run_id"));
        assertFalse(ApiFixture.json(retry).get("created").asBoolean());
        // The retry of a RUNNING run asks to start it again (the first attempt may have died before starting it);
        // Step Functions makes that idempotent by execution name, so one run is started, however often asked.
        assertEquals(1, f.started.stream().map(RunRef::runId).distinct().count(), "one run started");
        assertEquals(7, ApiFixture.json(first).get("persona_ids").size(), "defaults to the seven built-ins");
        assertEquals("/tests/" + ApiFixture.json(first).get("run_id").asText(), first.getHeaders().get("location"));
    }

    @Test
    void anUnconfirmedStartLeavesTheRunRunningAndTheSameKeyStartsIt() {
        f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        Map<String, String> key = Map.of("Idempotency-Key", "order-18");
        f.startFailure = new RunStartUncertainException("Step Functions did not answer: read timed out", null);
        APIGatewayV2HTTPResponse first = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{}", Map.of(), key));
        assertEquals(503, first.getStatusCode(), first.getBody());
        assertTrue(first.getBody().contains("run_start_unconfirmed"), first.getBody());
        String runId = first.getBody().replaceAll(".*(run-[0-9a-f]{32}).*", "$1");
        assertEquals(RunStatus.RUNNING, f.store.runs().get(A, runId).orElseThrow().status(), "not marked FAILED");
        f.startFailure = null;
        APIGatewayV2HTTPResponse retry = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{}", Map.of(), key));
        assertEquals(202, retry.getStatusCode(), retry.getBody());
        assertEquals(runId, ApiFixture.json(retry).get("run_id").asText());
        assertTrue(f.started.stream().anyMatch(r -> r.runId().equals(runId)), "the retry started it");
    }

    @Test
    void runsAsksForManyWalksPerPersona() {
        f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        APIGatewayV2HTTPResponse ok = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test",
                "{\"personas\":[\"cold-carl\"],\"runs\":5}"));
        assertEquals(202, ok.getStatusCode(), ok.getBody());
        assertEquals(5, ApiFixture.json(ok).get("runs").asInt());
        String runId = ApiFixture.json(ok).get("run_id").asText();
        assertEquals(5, f.store.runs().get(A, runId).orElseThrow().walks());
        for (String bad : new String[]{"\"Auto\"", "\"sometimes\"", "0", "1001", "2.5"}) {
            APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{\"runs\":" + bad + "}"));
            assertEquals(400, r.getStatusCode(), bad + ": " + r.getBody());
            assertTrue(r.getBody().contains("\"/runs\"") && r.getBody().contains("invalid_runs"), r.getBody());
        }
        assertEquals(1, f.started.size(), "refused requests start nothing");
    }

    @Test
    void runsAutoStartsTheFirstLookAndKeepsItsPlanBesideTheRun() throws Exception {
        f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        String body = "{\"personas\":[\"cold-carl\",\"eager-eddie\"],\"runs\":\"auto\",\"expectations\":"
                + "[{\"type\":\"ends_in_goal\",\"goal\":\"booked\",\"personas\":[\"eager-eddie\"],\"min_pass_rate\":0.5}]}";
        APIGatewayV2HTTPResponse ok = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", body));
        assertEquals(202, ok.getStatusCode(), ok.getBody());
        assertEquals("auto", ApiFixture.json(ok).get("runs").asText());
        String runId = ApiFixture.json(ok).get("run_id").asText();
        assertEquals(30, f.store.runs().get(A, runId).orElseThrow().walks(), "the first look: 30 walks per persona");
        JsonNode plan = dev.rehearsal.engine.json.Json.mapper().readTree(f.store.runs().plan(A, runId).orElseThrow());
        assertEquals("auto", plan.get("runs").asText());
        assertEquals("booked", plan.at("/expectations/0/goal").asText());
        // The same key with runs auto, then with a number: another request (422), not the same run.
        Map<String, String> key = Map.of("Idempotency-Key", "auto-1");
        assertEquals(202, f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", body, Map.of(), key)).getStatusCode());
        APIGatewayV2HTTPResponse other = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test",
                body.replace("\"auto\"", "30"), Map.of(), key));
        assertEquals(422, other.getStatusCode(), other.getBody());
        // An expectation naming a goal the workflow lacks is refused at its pointer; nothing starts.
        int started = f.started.size();
        APIGatewayV2HTTPResponse bad = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test",
                body.replace("\"booked\"", "\"sold\"")));
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        assertTrue(bad.getBody().contains("\"/expectations/0"), bad.getBody());
        APIGatewayV2HTTPResponse badShape = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test",
                "{\"runs\":\"auto\",\"expectations\":[{\"type\":\"reaches_step\"}]}"));
        assertEquals(400, badShape.getStatusCode(), badShape.getBody());
        assertTrue(badShape.getBody().contains("\"/expectations/0"), badShape.getBody());
        assertEquals(started, f.started.size(), "refused requests start nothing");
    }

    @Test
    void aRunThatCouldOutgrowTheExecutionHistoryIsRefusedUpFront() {
        // Walks go through a Distributed Map: 7 personas x 1,000 walks at the default max_steps is one run...
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf"))).getStatusCode());
        APIGatewayV2HTTPResponse many = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{\"runs\":1000}"));
        assertEquals(202, many.getStatusCode(), many.getBody());
        // ...but one stepped walk must fit one child execution's 25,000 events.
        String big = ApiFixture.workflow("wf2").replaceFirst("\\{", "{\"settings\":{\"max_steps\":3000},");
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf2", big)).getStatusCode());
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/workflows/wf2/test", "{\"personas\":[\"busy-bob\"]}"));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("run_too_large") && r.getBody().contains("max_steps 3000")
                && r.getBody().contains("25,000 events per execution"), r.getBody());
        assertEquals(1, f.started.size(), "the refused run started nothing");
    }

    @Test
    void aFailedStartMarksTheRunFailedAndSays503() {
        f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        f.startFailure = new IllegalStateException("StartExecution throttled");
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/workflows/wf/test", "{\"personas\":[\"busy-bob\"]}"));
        assertEquals(503, r.getStatusCode(), r.getBody());
        String runId = r.getBody().replaceAll(".*(run-[0-9a-f]{32}).*", "$1");
        assertEquals(RunStatus.FAILED, f.store.runs().get(A, runId).orElseThrow().status());
        JsonNode got = ApiFixture.json(f.call(ApiFixture.event(A, "GET", "/tests/" + runId, null)));
        assertTrue(got.get("error").asText().contains("throttled"), got.toString());
        assertTrue(got.get("error").asText().startsWith("run_start_failed: "), got.toString());
    }

    @Test
    void puttingTheSameWorkflowTwiceKeepsOneVersion() {
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf"))).getStatusCode());
        APIGatewayV2HTTPResponse again = f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf")));
        assertEquals(200, again.getStatusCode());
        assertEquals(1, ApiFixture.json(again).get("version").asInt());
        String v2 = ApiFixture.workflow("wf").replace("Follow-up", "Follow-up v2");
        assertEquals(2, ApiFixture.json(f.call(ApiFixture.event(A, "PUT", "/workflows/wf", v2))).get("version").asInt());
        APIGatewayV2HTTPResponse old = f.call(ApiFixture.event(A, "GET", "/workflows/wf", null, Map.of("version", "1"),
                Map.of()));
        assertEquals("Follow-up", ApiFixture.json(old).get("definition").get("name").asText());
    }

    @Test
    void malformedJsonMessagesStayReadable() {
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/personas", "{\"name\": \"x\""));
        assertFalse(r.getBody().contains("Source"), r.getBody());
        assertFalse(r.getBody().contains("REDACTED"), r.getBody());
    }
}
