package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.functions.http.HttpApiEventReader;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every file of events/api (the ones for {@code sam local invoke -e}) through the handler
 * class that serves its route, against dynalite, in an order that makes each succeed.
 */
class EventsTest {
    final ApiFixture f = new ApiFixture();
    final Set<String> used = new LinkedHashSet<>();
    final PersonasHandler personas = new PersonasHandler(f.services);
    final WorkflowsHandler workflows = new WorkflowsHandler(f.services);
    final TestsHandler tests = new TestsHandler(f.services);
    final SuitesHandler suites = new SuitesHandler(f.services);
    final ImportHandler imports = new ImportHandler(f.services);

    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent getOf(String workflowId) {
        var e = ApiFixture.loadEvent("get-workflow");
        e.setRawPath("/workflows/" + workflowId);
        e.setPathParameters(Map.of("id", workflowId));
        e.getRequestContext().getHttp().setPath("/workflows/" + workflowId);
        return e;
    }

    APIGatewayV2HTTPResponse run(ApiHandlerBase handler, String name, int expected) {
        used.add(name);
        APIGatewayV2HTTPEvent e = ApiFixture.loadEvent(name);
        assertEquals(List.of(), OpenApiContract.requestProblems(e), name + " is a request api/openapi.yaml allows");
        APIGatewayV2HTTPResponse r = handler.handle(e);
        assertEquals(expected, r.getStatusCode(), name + ": " + r.getBody());
        OpenApiContract.assertConforms(e, r);
        // the file's bytes read as the Lambda runtime's serializer reads them (EventLoader uses it)
        assertEquals(e, HttpApiEventReader.read(new java.io.ByteArrayInputStream(ApiFixture.eventBytes(name))), name);
        // the deployed function: the same file's bytes through the stream entry point
        APIGatewayV2HTTPResponse viaApi = ApiFixture.lambda(f.api, ApiFixture.eventBytes(name));
        String method = e.getRequestContext().getHttp().getMethod();
        if (!"POST".equals(method) || r.getStatusCode() >= 400) {
            // the one-function handler routes the same event the same way (repeatable requests only)
            assertTrue(viaApi.getStatusCode() < 500, name + " via ApiHandler: " + viaApi.getBody());
        }
        if ("GET".equals(method)) {
            // nothing changed in between: the same answer, byte for byte, as the typed call's
            assertEquals(r.getStatusCode(), viaApi.getStatusCode(), name);
            assertEquals(r.getHeaders(), viaApi.getHeaders(), name);
            assertEquals(r.getBody(), viaApi.getBody(), name);
        }
        return r;
    }

    @Test
    void everyEventFileRunsAgainstItsHandler() {
        String account = "acme-dental";
        JsonNode created = ApiFixture.json(run(personas, "create-persona", 201));
        assertEquals("dana-the-dentist-patient", created.get("id").asText());
        assertFalse(created.get("built_in").asBoolean());
        assertEquals("Dana Patient", ApiFixture.json(run(personas, "get-persona", 200)).get("name").asText());
        JsonNode put = ApiFixture.json(run(personas, "put-persona", 200));
        assertTrue(put.get("description").asText().contains("Saturday"));
        JsonNode list = ApiFixture.json(run(personas, "list-personas", 200));
        assertEquals(8, list.get("items").size(), list.toString());
        assertEquals("eager-eddie", list.get("items").get(0).get("id").asText());

        JsonNode saved = ApiFixture.json(run(workflows, "put-workflow", 201));
        assertEquals(1, saved.get("version").asInt());
        assertTrue(saved.get("issues").isArray());
        JsonNode got = ApiFixture.json(run(workflows, "get-workflow", 200));
        assertEquals("dental-reactivation", got.get("definition").get("id").asText());
        JsonNode valid = ApiFixture.json(run(workflows, "validate-workflow", 200));
        assertTrue(valid.has("valid"));
        JsonNode imported = ApiFixture.json(run(imports, "import-workflow", 201));
        assertEquals("twilio-studio", imported.get("format").asText());
        assertEquals(1, imported.get("version").asInt());
        assertTrue(imported.at("/mapping/entries").size() > 10, imported.toString());
        assertEquals("ask_confirm", ApiFixture.json(workflows.handle(getOf("dental-recall-sms")))
                .at("/definition/start").asText(), "stored as a workflow version like any other");

        JsonNode listed = ApiFixture.json(run(workflows, "list-workflows", 200));
        assertEquals(List.of("dental-recall-sms", "dental-reactivation"), ids(listed, "id"), "newest saved first");
        assertEquals(1, listed.at("/items/1/version").asInt());

        JsonNode started = ApiFixture.json(run(workflows, "start-test", 202));
        String runId = WorkflowsHandler.runIdFor(account, "dental-reactivation", "crm-7f3a-0001");
        assertEquals(runId, started.get("run_id").asText());
        assertEquals("RUNNING", started.get("status").asText());
        assertEquals(java.util.Set.of(runId), f.started.stream().map(r -> r.runId()).collect(java.util.stream.Collectors.toSet()),
                "one run started (a repeated start of a RUNNING run is idempotent in Step Functions)");
        assertEquals(account, f.started.get(0).accountId());
        // runs auto with the suite's expectations: walks its first look (30) now, NextLook grows it to 480 at most.
        JsonNode auto = ApiFixture.json(run(workflows, "start-test-auto", 202));
        String autoId = WorkflowsHandler.runIdFor(account, "dental-reactivation", "crm-7f3a-0002");
        assertEquals(autoId, auto.get("run_id").asText());
        assertEquals("auto", auto.get("runs").asText());
        assertEquals(30, f.store.runs().get(account, autoId).orElseThrow().walks());
        APIGatewayV2HTTPResponse planDoc = new APIGatewayV2HTTPResponse();
        planDoc.setBody(f.store.runs().plan(account, autoId).orElseThrow());
        JsonNode plan = ApiFixture.json(planDoc);
        assertEquals("auto", plan.get("runs").asText(), plan.toString());
        assertEquals(2, plan.get("expectations").size(), plan.toString());
        f.store.runs().finish(account, autoId, dev.rehearsal.store.RunStatus.COMPLETED, null);
        f.started.removeIf(r -> r.runId().equals(autoId));

        assertEquals(List.of(runId), ids(ApiFixture.json(run(tests, "list-tests", 200)), "run_id"),
                "the workflow's RUNNING runs");
        JsonNode test = ApiFixture.json(run(tests, "get-test", 200));
        assertEquals(List.of("eager-eddie", "cold-carl", "dana-the-dentist-patient").toString(),
                test.get("persona_ids").toString().replace("\"", "").replace(",", ", "));
        assertEquals(42, test.get("seed").asInt());
        assertEquals("report_not_ready",
                ApiFixture.json(run(tests, "get-test-report", 404)).get("error").get("code").asText());
        f.store.runs().putReport(account, runId, "{\"score\":87,\"personas\":3}");
        assertEquals(87, ApiFixture.json(run(tests, "get-test-report", 200)).get("report").get("score").asInt());
        for (int i = 0; i < 25; i++) {
            f.store.runs().putInteraction(account, runId + ".eager-eddie", i, "{\"step\":" + i + "}");
        }
        JsonNode page = ApiFixture.json(run(tests, "get-test-interactions", 200));
        assertEquals(20, page.get("items").size());
        assertFalse(page.get("next").isNull());
        APIGatewayV2HTTPEvent next = ApiFixture.loadEvent("get-test-interactions");
        next.setQueryStringParameters(Map.of("limit", "20", "next", page.get("next").asText()));
        JsonNode page2 = ApiFixture.json(tests.handle(next));
        assertEquals(5, page2.get("items").size());
        assertTrue(page2.get("next").isNull());
        // cancel; the same event again through ApiHandler (run does it) answers the same: idempotent
        assertEquals("CANCELLED", ApiFixture.json(run(tests, "cancel-test", 200)).get("status").asText());
        assertEquals(dev.rehearsal.store.RunStatus.CANCELLED, f.store.runs().get(account, runId).orElseThrow().status());

        assertEquals(List.of(), ids(ApiFixture.json(tests.handle(ApiFixture.loadEvent("list-tests"))), "run_id"),
                "a cancelled run is no longer RUNNING");
        assertEquals(201, run(suites, "put-suite", 201).getStatusCode());
        JsonNode suiteList = ApiFixture.json(run(suites, "list-suites", 200));
        assertEquals("Nightly reactivation regression", suiteList.at("/items/0/name").asText(), suiteList.toString());
        JsonNode suite = ApiFixture.json(run(suites, "get-suite", 200));
        assertEquals("Nightly reactivation regression", suite.get("suite").get("name").asText());

        assertEquals(204, run(personas, "delete-persona", 204).getStatusCode());
        assertNull(f.store.personas().getCustom(account, "dana-the-dentist-patient").orElse(null));

        assertEquals(ApiFixture.eventNames(), used.stream().sorted().toList(), "every events/api file is exercised");
    }

    static List<String> ids(JsonNode page, String field) {
        List<String> out = new java.util.ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get(field).asText()));
        return out;
    }

    @Test
    void everyRouteHasAnEventFile() {
        List<String> keys = new ApiHandler(f.services).router().routeKeys();
        Set<String> eventRoutes = new LinkedHashSet<>();
        for (String n : ApiFixture.eventNames()) eventRoutes.add(ApiFixture.loadEvent(n).getRouteKey());
        assertEquals(keys.stream().sorted().toList(), eventRoutes.stream().sorted().toList());
    }
}
