package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.cli.ServeCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over HTTP against the stack {@code rehearse serve} starts: persona, workflow, test with every persona, report, interactions. */
class ServeEndToEndTest {
    static ServeCommand.Stack stack;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 4);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    static HttpResponse<String> call(String method, String path, String body, String account) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.server().baseUrl() + path))
                .header("X-Rehearsal-Account", account).header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    @Test
    void createPersonaPutWorkflowTestEveryPersonaAndReadTheResults() throws Exception {
        String persona = """
                {"id": "gym-newbie", "name": "Gym Newbie", "description": "Keen to start, replies quickly, asks about beginner classes",
                 "personality": {"tone": "friendly", "response_length": "short", "decision_speed": "fast", "objection_likelihood": "low"},
                 "contact": {"first_name": "Nina"}}""";
        assertEquals("gym-newbie", json(call("POST", "/personas", persona, "acme"), 201).get("id").asText());
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        assertEquals(1, json(call("PUT", "/workflows/sms-lead-followup", wf, "acme"), 201).get("version").asInt());

        List<String> all = new ArrayList<>(dev.rehearsal.engine.persona.PersonaCatalog.BUILT_IN_IDS);
        all.add("gym-newbie");
        String start = "{\"personas\": " + Json.write(all) + ", \"seed\": 7}";
        JsonNode started = json(call("POST", "/workflows/sms-lead-followup/test", start, "acme"), 202);
        String runId = started.get("run_id").asText();

        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode run;
        do {
            run = json(call("GET", "/tests/" + runId, null, "acme"), 200);
            if (!run.get("status").asText().equals("RUNNING")) break;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals("COMPLETED", run.get("status").asText(), run.toString());
        assertEquals(8, run.get("tests").size());

        JsonNode report = json(call("GET", "/tests/" + runId + "/report", null, "acme"), 200).get("report");
        assertEquals("sms-lead-followup", report.get("workflow").get("id").asText());
        assertEquals(8, report.get("personas").size());
        assertTrue(report.get("score").asInt() > 0 && report.get("score").asInt() <= 100);
        JsonNode nina = report.get("personas").get(7);
        assertEquals("gym-newbie", nina.get("id").asText());
        assertTrue(nina.get("path").get(0).asText().equals("intro_sms"));

        // A browser asking for the report gets the HTML page, with its policy also sent as a header.
        HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(stack.server().baseUrl() + "/tests/" + runId + "/report"))
                .header("X-Rehearsal-Account", "acme").header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, html.statusCode(), html.body());
        assertTrue(html.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(html.headers().firstValue("content-security-policy").orElse("").contains("script-src 'sha256-"));
        assertEquals(19, html.body().split("<g class=\"node ", -1).length - 1, "a node per workflow step");
        assertTrue(html.body().contains("Gym Newbie"));

        JsonNode page = json(call("GET", "/tests/" + runId + "/interactions?persona=cold-carl&limit=100", null, "acme"), 200);
        JsonNode items = page.get("items");
        assertTrue(items.size() >= 3, page.toString());
        assertEquals(0, items.get(0).get("step_index").asInt());
        assertEquals("intro_sms", items.get(0).get("interaction").get("step_id").asText());
        assertTrue(items.get(0).get("interaction").get("message").get("body").asText().contains("Summit Fitness"));
        assertTrue(items.toString().contains("end_opted_out"), items.toString());

        // the listings, over HTTP: the workflow, its completed run, newest first; a limit above 100 is refused
        assertEquals("sms-lead-followup", json(call("GET", "/workflows", null, "acme"), 200).at("/items/0/id").asText());
        JsonNode runs = json(call("GET", "/tests?workflow_id=sms-lead-followup&status=completed", null, "acme"), 200);
        assertEquals(runId, runs.at("/items/0/run_id").asText(), runs.toString());
        assertEquals("invalid_limit", json(call("GET", "/tests?limit=101", null, "acme"), 400).at("/error/code").asText());

        // tenant isolation over HTTP: another account sees nothing
        assertEquals(404, call("GET", "/tests/" + runId, null, "intruder").statusCode());
        for (String list : List.of("/workflows", "/tests", "/tests?workflow_id=sms-lead-followup", "/suites")) {
            assertEquals(0, json(call("GET", list, null, "intruder"), 200).get("items").size(), list);
        }
        assertEquals(404, call("GET", "/no/such/route", null, "acme").statusCode());
    }

    @Test
    void theOpenApiDocumentIsServedAsJsonWithoutAToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.server().baseUrl() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode doc = json(r, 200);
        assertEquals("3.1.0", doc.get("openapi").asText());
        assertTrue(doc.at("/paths/~1tests/get").isObject(), "with the listing routes");
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(stack.server().baseUrl() + "/openapi.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** An unsigned JWT with these claims (the local server reads claims without verifying, as documented). */
    static String token(String claimsJson) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + b64.encodeToString(claimsJson.getBytes()) + ".x";
    }

    static HttpResponse<String> withToken(String method, String path, String body, String token, String header)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.server().baseUrl() + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json");
        if (header != null) b.header("X-Rehearsal-Account", header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachTokenKindActsForItsAccountOverHttp() throws Exception {
        String wf = Files.readString(RuntimeFixture.projectFile("examples/appointment-reminder.workflow.json"));
        String id = Json.mapper().readTree(wf).get("id").asText();
        String ann = token("{\"sub\":\"u-ann\",\"custom:account_id\":\"roofers\",\"scope\":\"rehearsal/read rehearsal/write\"}");
        String crm = token("{\"sub\":\"crm\",\"client_id\":\"crm\",\"scope\":\"rehearsal/read rehearsal/write rehearsal/act-for-account\"}");
        String crmWithoutScope = token("{\"sub\":\"crm\",\"client_id\":\"crm\",\"scope\":\"rehearsal/read rehearsal/write\"}");
        String idToken = token("{\"sub\":\"u-ann\",\"custom:account_id\":\"roofers\",\"token_use\":\"id\"}");
        String readOnly = token("{\"sub\":\"u-bo\",\"custom:account_id\":\"roofers\",\"scope\":\"rehearsal/read\"}");

        // an end-user token with the account claim writes into its account, whatever header it sends
        assertEquals(201, withToken("PUT", "/workflows/" + id, wf, ann, "clinic").statusCode());
        // the CRM backend's token with the scope reads it when it names that account, and not otherwise
        assertEquals(200, withToken("GET", "/workflows/" + id, null, crm, "roofers").statusCode());
        assertEquals(404, withToken("GET", "/workflows/" + id, null, crm, "clinic").statusCode());
        assertEquals(401, withToken("GET", "/workflows/" + id, null, crm, null).statusCode());
        // without the act-for-account scope the header is not trusted: no account at all
        HttpResponse<String> r = withToken("GET", "/workflows/" + id, null, crmWithoutScope, "roofers");
        assertEquals(401, r.statusCode(), r.body());
        // the gateway's scope check: no scopes (an ID token), or read-only on a write route
        assertEquals(403, withToken("GET", "/workflows/" + id, null, idToken, null).statusCode());
        assertEquals(403, withToken("PUT", "/workflows/" + id, wf, readOnly, null).statusCode());
        assertEquals(200, withToken("GET", "/workflows/" + id, null, readOnly, null).statusCode());
    }
}
