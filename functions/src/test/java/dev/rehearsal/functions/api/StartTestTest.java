package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
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
        assertEquals(ApiFixture.json(first).get("runId"), ApiFixture.json(retry).get("runId"));
        assertFalse(ApiFixture.json(retry).get("created").asBoolean());
        assertEquals(1, f.started.size(), "started once");
        assertEquals(7, ApiFixture.json(first).get("personaIds").size(), "defaults to the seven built-ins");
        assertEquals("/tests/" + ApiFixture.json(first).get("runId").asText(), first.getHeaders().get("location"));
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
