package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Account B, on every route, can neither read nor change anything of account A's. */
class CrossAccountTest {
    static final String A = "account-a";
    static final String B = "account-b";
    ApiFixture f;
    String runId;

    @BeforeEach
    void accountAOwnsOneOfEverything() {
        f = new ApiFixture();
        ok(f.call(ApiFixture.event(A, "POST", "/personas", ApiFixture.persona("secret-sam", "Sam"))), 201);
        ok(f.call(ApiFixture.event(A, "PUT", "/workflows/wf-a", ApiFixture.workflow("wf-a"))), 201);
        JsonNode run = ApiFixture.json(ok(f.call(ApiFixture.event(A, "POST", "/workflows/wf-a/test",
                "{\"personas\":[\"secret-sam\",\"busy-bob\"]}")), 202));
        runId = run.get("run_id").asText();
        f.store.runs().createTest(A, runId, "secret-sam");
        f.store.runs().putInteraction(A, runId + ".secret-sam", 0, "{\"reply\":\"private\"}");
        f.store.runs().putReport(A, runId, "{\"score\":50}");
        ok(f.call(ApiFixture.event(A, "PUT", "/suites/suite-a", ApiFixture.suite("wf-a"))), 201);
        f.store.suites().putBaseline(A, "suite-a", "{\"digest\":\"abc\"}");
    }

    static Map<String, String> query(String path) {
        int q = path.indexOf('?');
        if (q < 0) return Map.of();
        String[] kv = path.substring(q + 1).split("=", 2);
        return Map.of(kv[0], kv[1]);
    }

    static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPResponse r, int status) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        return r;
    }

    Set<String> itemsOf(String account) {
        Set<String> out = new TreeSet<>();
        for (Map<String, AttributeValue> i : dev.rehearsal.store.TableAdmin.scanAll(f.table.client(), f.table.name())) {
            if (account.equals(i.get("accountId").s())) out.add(new java.util.TreeMap<>(i).toString());
        }
        return out;
    }

    void notFound(String method, String path, String body) {
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(B, method, path, body));
        assertEquals(404, r.getStatusCode(), method + " " + path + ": " + r.getBody());
        assertFalse(r.getBody().contains("private"), r.getBody());
        assertFalse(r.getBody().contains("Sam\""), r.getBody());
    }

    @Test
    void accountBCannotReadOrChangeAccountAsData() {
        Set<String> before = itemsOf(A);
        assertFalse(before.isEmpty());

        notFound("GET", "/personas/secret-sam", null);
        notFound("DELETE", "/personas/secret-sam", null);
        JsonNode list = ApiFixture.json(f.call(ApiFixture.event(B, "GET", "/personas", null)));
        assertFalse(list.toString().contains("secret-sam"), list.toString());
        notFound("GET", "/workflows/wf-a", null);
        notFound("POST", "/workflows/wf-a/validate", null);
        notFound("POST", "/workflows/wf-a/test", "{\"personas\":[\"busy-bob\"]}");
        notFound("GET", "/tests/" + runId, null);
        notFound("GET", "/tests/" + runId + "/report", null);
        notFound("GET", "/tests/" + runId + "/interactions", null);
        notFound("GET", "/suites/suite-a", null);
        // B's listings hold nothing of A's, filtered or not
        for (String path : List.of("/workflows", "/suites", "/tests", "/tests?workflow_id=wf-a", "/tests?status=RUNNING")) {
            APIGatewayV2HTTPResponse listed = f.call(ApiFixture.event(B, "GET", path.replaceAll("\\?.*", ""), null,
                    query(path), Map.of()));
            assertEquals(200, listed.getStatusCode(), path + ": " + listed.getBody());
            assertEquals(0, ApiFixture.json(listed).get("items").size(), path + ": " + listed.getBody());
        }
        // while A's list them
        assertEquals(1, ApiFixture.json(f.call(ApiFixture.event(A, "GET", "/tests", null, Map.of("workflow_id", "wf-a"),
                Map.of()))).get("items").size());
        // B's run cannot name A's persona either
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(B, "PUT", "/workflows/wf-b", ApiFixture.workflow("wf-b")));
        assertEquals(201, r.getStatusCode());
        r = f.call(ApiFixture.event(B, "POST", "/workflows/wf-b/test", "{\"personas\":[\"secret-sam\"]}"));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("unknown_persona"));

        // writes to the same ids land in B's own space and leave A's untouched
        assertEquals(201, f.call(ApiFixture.event(B, "PUT", "/personas/secret-sam", ApiFixture.persona(null, "Bea")))
                .getStatusCode());
        assertEquals(201, f.call(ApiFixture.event(B, "PUT", "/workflows/wf-a", ApiFixture.workflow("wf-a")))
                .getStatusCode(), "B's first version of its own wf-a");
        assertEquals(201, f.call(ApiFixture.event(B, "POST", "/workflows/wf-a/import", ImportTest.STUDIO_BODY)).getStatusCode(),
                "an import into wf-a is B's own next version, not A's");
        assertEquals(201, f.call(ApiFixture.event(B, "PUT", "/suites/suite-a", ApiFixture.suite("wf-a"))).getStatusCode());
        assertEquals(201, f.call(ApiFixture.event(B, "POST", "/personas", ApiFixture.persona("secret-sam2", "Bo")))
                .getStatusCode());
        assertEquals(204, f.call(ApiFixture.event(B, "DELETE", "/personas/secret-sam", null)).getStatusCode());
        // and B cannot page into A's listing with a token made from A's keys
        String token = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("PERSONA#secret-sam".getBytes());
        JsonNode page = ApiFixture.json(f.call(ApiFixture.event(B, "GET", "/personas", null,
                Map.of("next", token), Map.of())));
        assertFalse(page.toString().contains("\"Sam\""), page.toString());

        assertEquals(before, itemsOf(A), "account A's items are exactly as they were");
        assertEquals("Sam", ApiFixture.json(f.call(ApiFixture.event(A, "GET", "/personas/secret-sam", null)))
                .get("name").asText());
        assertEquals(1, ApiFixture.json(f.call(ApiFixture.event(A, "GET", "/workflows/wf-a", null)))
                .get("version").asInt());
    }

    @Test
    void theAccountComesOnlyFromTheClaims() {
        // no authorizer: 401 on every route, and nothing written
        Set<String> before = f.snapshot();
        for (String route : new ApiHandler(f.services).router().routeKeys()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", runId);
            APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(null, method, path, "{}"));
            assertEquals(401, r.getStatusCode(), route + ": " + r.getBody());
            assertEquals("unauthenticated", ApiFixture.json(r).get("error").get("code").asText());
        }
        // an account id in a header or the body means nothing
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(B, "GET", "/personas/secret-sam", null, Map.of(),
                Map.of("x-account-id", A)));
        assertEquals(404, r.getStatusCode());
        assertEquals(before, f.snapshot());
    }

    static final java.util.List<String> CRM_SCOPES = java.util.List.of("rehearsal/write", "rehearsal/act-for-account");

    @Test
    void aMachineTokenWithTheScopeActsForTheAccountItNamesAndNoOther() {
        // given the CRM backend's client-credentials token acting for account A
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.machine(CRM_SCOPES, A, "GET", "/personas/secret-sam", null));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("Sam", ApiFixture.json(r).get("name").asText());
        assertEquals(200, f.call(ApiFixture.machine(CRM_SCOPES, A, "GET", "/tests/" + runId, null)).getStatusCode());
        // when it names account B, A's ids are not found and its writes land in B
        assertEquals(404, f.call(ApiFixture.machine(CRM_SCOPES, B, "GET", "/personas/secret-sam", null)).getStatusCode());
        assertEquals(404, f.call(ApiFixture.machine(CRM_SCOPES, B, "GET", "/tests/" + runId + "/report", null))
                .getStatusCode());
        assertEquals(201, f.call(ApiFixture.machine(CRM_SCOPES, B, "PUT", "/workflows/wf-m", ApiFixture.workflow("wf-m")))
                .getStatusCode());
        assertEquals(404, f.call(ApiFixture.event(A, "GET", "/workflows/wf-m", null)).getStatusCode());
        assertEquals(200, f.call(ApiFixture.event(B, "GET", "/workflows/wf-m", null)).getStatusCode());
    }

    @Test
    void aMachineTokenWithoutTheScopeOrWithoutAHeaderIs401AndWritesNothing() {
        Set<String> before = f.snapshot();
        for (String route : new ApiHandler(f.services).router().routeKeys()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "wf-a");
            APIGatewayV2HTTPResponse noScope = f.call(ApiFixture.machine(java.util.List.of("rehearsal/write"), A, method,
                    path, "{}"));
            assertEquals(401, noScope.getStatusCode(), route + ": " + noScope.getBody());
            APIGatewayV2HTTPResponse noHeader = f.call(ApiFixture.machine(CRM_SCOPES, null, method, path, "{}"));
            assertEquals(401, noHeader.getStatusCode(), route + ": " + noHeader.getBody());
            assertTrue(noHeader.getBody().contains("X-Rehearsal-Account"), noHeader.getBody());
        }
        assertEquals(before, f.snapshot());
    }
}
