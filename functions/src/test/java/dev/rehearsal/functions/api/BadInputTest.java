package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests across the routes: each gets a 4xx with a code and a clear message, and the
 * table is exactly as it was (full scan before and after).
 */
class BadInputTest {
    static final String A = "acct-bad-input";
    static ApiFixture f;
    static String runId;

    record Case(String name, APIGatewayV2HTTPEvent event, int status, String code, String pointer) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void seed() {
        f = new ApiFixture();
        assertEquals(201, f.call(ApiFixture.event(A, "POST", "/personas", ApiFixture.persona("p-one", "One"))).getStatusCode());
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf-one", ApiFixture.workflow("wf-one"))).getStatusCode());
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/workflows/wf-one/test", "{\"personas\":[\"p-one\"]}"));
        assertEquals(202, r.getStatusCode(), r.getBody());
        runId = ApiFixture.json(r).get("run_id").asText();
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/suites/s-one", ApiFixture.suite("wf-one"))).getStatusCode());
    }

    static Case c(String name, String method, String path, String body, int status, String code) {
        return new Case(name, ApiFixture.event(A, method, path, body), status, code, null);
    }

    static Case c(String name, String method, String path, String body, int status, String code, String pointer) {
        return new Case(name, ApiFixture.event(A, method, path, body), status, code, pointer);
    }

    static Case q(String name, String path, Map<String, String> query, int status, String code) {
        return new Case(name, ApiFixture.event(A, "GET", path, null, query, Map.of()), status, code, null);
    }

    static Case h(String name, String method, String path, String body, Map<String, String> headers, int status,
                  String code) {
        return new Case(name, ApiFixture.event(A, method, path, body, Map.of(), headers), status, code, null);
    }

    static String personaWith(String field, String value) {
        return ApiFixture.persona(null, "Pat").replaceFirst("\\{", "{\"" + field + "\":" + value + ",");
    }

    static String wf(String id, String steps) {
        return "{\"id\":\"" + id + "\",\"name\":\"W\",\"start\":\"a\",\"steps\":" + steps + "}";
    }

    static String manySteps(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"id\":\"s").append(i).append("\",\"type\":\"add_tag\",\"config\":{\"tag\":\"t\"},\"next\":\"s")
                    .append(i + 1).append("\"}");
        }
        return sb.append(",{\"id\":\"s").append(n).append("\",\"type\":\"end\"}]").toString().replace("\"start\":\"a\"", "");
    }

    static List<Case> cases() {
        String big40k = "x".repeat(40 * 1024);
        String wfOk = ApiFixture.workflow("wf-one");
        List<Case> l = new ArrayList<>();
        // ---- personas
        l.add(c("persona: no body", "POST", "/personas", null, 400, "missing_body"));
        l.add(c("persona: blank body", "POST", "/personas", "   ", 400, "missing_body"));
        l.add(c("persona: truncated JSON", "POST", "/personas", "{\"name\": \"Pat\"", 400, "malformed_json"));
        l.add(c("persona: array body", "POST", "/personas", "[]", 400, "invalid_body"));
        l.add(c("persona: string body", "POST", "/personas", "\"hello\"", 400, "invalid_body"));
        l.add(c("persona: two documents", "POST", "/personas", "{}{}", 400, "malformed_json"));
        l.add(c("persona: duplicate key", "POST", "/personas",
                ApiFixture.persona(null, "Pat").replaceFirst("\\{", "{\"name\":\"Twice\","), 400, "malformed_json"));
        l.add(c("persona: missing name", "POST", "/personas", ApiFixture.persona(null, "Pat")
                .replace("\"name\":\"Pat\",", ""), 400, "invalid_persona", ""));
        l.add(c("persona: name too long", "POST", "/personas", ApiFixture.persona(null, "N".repeat(101)), 400,
                "invalid_persona", "/name"));
        l.add(c("persona: description too long", "POST", "/personas", ApiFixture.persona(null, "Pat")
                .replace("A lead called Pat", "d".repeat(2001)), 400, "invalid_persona", "/description"));
        l.add(c("persona: bad enum", "POST", "/personas", ApiFixture.persona(null, "Pat")
                .replace("\"short\"", "\"novel\""), 400, "invalid_persona", "/personality/response_length"));
        l.add(c("persona: unknown field", "POST", "/personas", personaWith("favourite_colour", "\"red\""), 400,
                "invalid_persona"));
        l.add(c("persona: id not a slug", "POST", "/personas", ApiFixture.persona("Bad ID!", "Pat"), 400,
                "invalid_persona", "/id"));
        l.add(c("persona: built_in set", "POST", "/personas", personaWith("built_in", "true"), 400, "read_only_field",
                "/built_in"));
        l.add(c("persona: built-in id taken", "POST", "/personas", ApiFixture.persona("eager-eddie", "Ed"), 409,
                "persona_exists"));
        l.add(c("persona: existing id", "POST", "/personas", ApiFixture.persona("p-one", "Dup"), 409, "persona_exists"));
        l.add(c("persona: body over 32 KiB", "POST", "/personas", ApiFixture.persona(null, "Pat")
                .replace("A lead called Pat", big40k), 413, "payload_too_large"));
        l.add(h("persona: text/plain", "POST", "/personas", ApiFixture.persona(null, "Pat"),
                Map.of("content-type", "text/plain"), 415, "unsupported_media_type"));
        l.add(new Case("persona: bad base64", ApiFixture.base64(ApiFixture.event(A, "POST", "/personas", null), "%%%notbase64"),
                400, "malformed_body", null));
        l.add(new Case("persona: not UTF-8", ApiFixture.base64(ApiFixture.event(A, "POST", "/personas", null),
                ApiFixture.b64(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})), 400, "malformed_body", null));
        l.add(c("persona: reply rate above 1", "POST", "/personas",
                personaWith("behavior", "{\"reply_rate\":{\"sms\":1.5}}"), 400, "invalid_persona", "/behavior/reply_rate/sms"));
        l.add(c("persona: malformed active hours", "POST", "/personas",
                personaWith("behavior", "{\"active_hours\":{\"start\":\"25:00\",\"end\":\"22:30\"}}"), 400, "invalid_persona",
                "/behavior/active_hours/start"));
        l.add(c("persona: unknown language", "POST", "/personas",
                personaWith("behavior", "{\"language\":\"xq\"}"), 400, "invalid_persona", "/behavior/language"));
        l.add(c("persona: unreadable reply delay", "POST", "/personas",
                personaWith("behavior", "{\"reply_delay\":{\"median\":\"soon\"}}"), 400, "invalid_persona",
                "/behavior/reply_delay/median"));
        l.add(c("persona: name is a number", "POST", "/personas", ApiFixture.persona(null, "Pat")
                .replace("\"name\":\"Pat\"", "\"name\":42"), 400, "invalid_persona", "/name"));
        l.add(c("persona: PUT a built-in", "PUT", "/personas/eager-eddie", ApiFixture.persona(null, "Ed"), 403,
                "built_in_persona"));
        l.add(c("persona: DELETE a built-in", "DELETE", "/personas/cold-carl", null, 403, "built_in_persona"));
        l.add(c("persona: PUT id mismatch", "PUT", "/personas/p-one", ApiFixture.persona("p-two", "Two"), 400,
                "id_mismatch", "/id"));
        l.add(c("persona: PUT bad path id", "PUT", "/personas/BAD%20ID", ApiFixture.persona(null, "B"), 400, "invalid_id"));
        l.add(c("persona: PUT path id too long", "PUT", "/personas/" + "p".repeat(65), ApiFixture.persona(null, "B"), 400,
                "invalid_id"));
        l.add(c("persona: PUT malformed", "PUT", "/personas/p-one", "{\"name\": }", 400, "malformed_json"));
        l.add(c("persona: DELETE missing", "DELETE", "/personas/nobody", null, 404, "not_found"));
        l.add(q("persona: limit 0", "/personas", Map.of("limit", "0"), 400, "invalid_limit"));
        l.add(q("persona: limit not a number", "/personas", Map.of("limit", "ten"), 400, "invalid_limit"));
        l.add(q("persona: garbage next token", "/personas", Map.of("next", "!!!"), 400, "invalid_next_token"));
        l.add(q("persona: next token of another listing", "/personas", Map.of("next", "UlVO"), 400, "invalid_next_token"));
        // ---- workflows
        l.add(c("workflow: no body", "PUT", "/workflows/wf-one", null, 400, "missing_body"));
        l.add(c("workflow: malformed", "PUT", "/workflows/wf-one", "{\n  \"id\": \"wf-one\",\n  \"name\": \n}", 400,
                "malformed_json"));
        l.add(c("workflow: unknown step type", "PUT", "/workflows/wf-one",
                wfOk.replace("\"type\": \"goal\"", "\"type\": \"send_fax\""), 400, "invalid_workflow", "/steps/2/type"));
        l.add(c("workflow: dangling transition", "PUT", "/workflows/wf-one",
                wfOk.replace("\"on_reply\": \"won\"", "\"on_reply\": \"ghost\""), 400, "invalid_workflow",
                "/steps/1/on_reply"));
        l.add(c("workflow: missing steps", "PUT", "/workflows/wf-one", "{\"id\":\"wf-one\",\"name\":\"W\",\"start\":\"a\"}",
                400, "invalid_workflow"));
        l.add(c("workflow: steps not an array", "PUT", "/workflows/wf-one", wf("wf-one", "{}"), 400, "invalid_workflow",
                "/steps"));
        l.add(c("workflow: id mismatch", "PUT", "/workflows/wf-one", ApiFixture.workflow("wf-two"), 400, "id_mismatch",
                "/id"));
        l.add(c("workflow: too many steps", "PUT", "/workflows/wf-one",
                "{\"id\":\"wf-one\",\"name\":\"W\",\"start\":\"s0\",\"steps\":" + manySteps(501) + "}", 400,
                "too_many_steps", "/steps"));
        l.add(c("workflow: body over 256 KiB", "PUT", "/workflows/wf-one",
                wfOk.replace("\"Follow-up\"", "\"" + "x".repeat(300 * 1024) + "\""), 413, "payload_too_large"));
        l.add(c("workflow: '#' in path id", "PUT", "/workflows/a%23b", wfOk, 400, "invalid_id"));
        l.add(c("workflow: name too long", "PUT", "/workflows/wf-one", wfOk.replace("\"Follow-up\"",
                "\"" + "n".repeat(201) + "\""), 400, "invalid_workflow", "/name"));
        l.add(c("workflow: SMS body too long", "PUT", "/workflows/wf-one", wfOk.replace("Reply STOP to opt out.",
                "m".repeat(1601)), 400, "invalid_workflow", "/steps/0/config/body"));
        l.add(c("workflow: bad duration", "PUT", "/workflows/wf-one", wfOk.replace("\"1d\"", "\"soon\""), 400,
                "invalid_workflow", "/steps/1/config/timeout"));
        l.add(c("workflow: duplicate key", "PUT", "/workflows/wf-one", wfOk.replaceFirst("\\{", "{\"name\":\"x\","), 400,
                "malformed_json"));
        l.add(q("workflow: version 0", "/workflows/wf-one", Map.of("version", "0"), 400, "invalid_version"));
        l.add(q("workflow: version missing", "/workflows/wf-one", Map.of("version", "99"), 404, "not_found"));
        l.add(c("workflow: GET missing", "GET", "/workflows/nope", null, 404, "not_found"));
        l.add(c("validate: malformed", "POST", "/workflows/wf-one/validate", "{", 400, "malformed_json"));
        l.add(c("validate: invalid workflow", "POST", "/workflows/wf-one/validate",
                wfOk.replace("\"start\": \"hello\"", "\"start\": \"nowhere\""), 400, "invalid_workflow", "/start"));
        l.add(c("validate: missing workflow, no body", "POST", "/workflows/nope/validate", null, 404, "not_found"));
        // ---- starting a test
        String t = "/workflows/wf-one/test";
        l.add(c("test: array body", "POST", t, "[1]", 400, "invalid_body"));
        l.add(c("test: malformed", "POST", t, "{\"personas\": [", 400, "malformed_json"));
        l.add(c("test: empty personas", "POST", t, "{\"personas\":[]}", 400, "invalid_test_request", "/personas"));
        l.add(c("test: personas not an array", "POST", t, "{\"personas\":\"busy-bob\"}", 400, "invalid_test_request",
                "/personas"));
        l.add(c("test: unknown persona", "POST", t, "{\"personas\":[\"busy-bob\",\"ghost\"]}", 400,
                "invalid_test_request", "/personas/1"));
        l.add(c("test: duplicate persona", "POST", t, "{\"personas\":[\"busy-bob\",\"busy-bob\"]}", 400,
                "invalid_test_request", "/personas/1"));
        l.add(c("test: persona id not a string", "POST", t, "{\"personas\":[7]}", 400, "invalid_test_request",
                "/personas/0"));
        l.add(c("test: seed not an integer", "POST", t, "{\"seed\":\"abc\"}", 400, "invalid_test_request", "/seed"));
        l.add(c("test: seed fractional", "POST", t, "{\"seed\":1.5}", 400, "invalid_test_request", "/seed"));
        l.add(c("test: version 0", "POST", t, "{\"version\":0}", 400, "invalid_test_request", "/version"));
        l.add(c("test: version missing", "POST", t, "{\"version\":99}", 404, "not_found"));
        l.add(c("test: unknown field", "POST", t, "{\"persona\":[\"busy-bob\"]}", 400, "invalid_test_request",
                "/persona"));
        StringBuilder many = new StringBuilder("{\"personas\":[");
        for (int i = 0; i < 26; i++) many.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
        l.add(c("test: too many personas", "POST", t, many.append("]}").toString(), 400, "invalid_test_request",
                "/personas"));
        l.add(h("test: bad idempotency key", "POST", t, "{}", Map.of("idempotency-key", "k".repeat(200)), 400,
                "invalid_idempotency_key"));
        l.add(c("test: missing workflow", "POST", "/workflows/nope/test", "{}", 404, "not_found"));
        l.add(c("test: body over 8 KiB", "POST", t, "{\"personas\":[\"" + "a".repeat(9000) + "\"]}", 413,
                "payload_too_large"));
        // ---- reading tests
        l.add(c("tests: malformed run id", "GET", "/tests/not-a-run", null, 400, "invalid_id"));
        l.add(c("tests: unknown run", "GET", "/tests/run-" + "0".repeat(32), null, 404, "not_found"));
        l.add(c("tests: unknown run report", "GET", "/tests/run-" + "0".repeat(32) + "/report", null, 404, "not_found"));
        l.add(new Case("tests: limit over 100", ApiFixture.event(A, "GET", "/tests/RUN/interactions", null,
                Map.of("limit", "101"), Map.of()), 400, "invalid_limit", null));
        l.add(new Case("tests: tampered next token", ApiFixture.event(A, "GET", "/tests/RUN/interactions", null,
                Map.of("next", "UkVQT1JU"), Map.of()), 400, "invalid_next_token", null));
        l.add(new Case("tests: bad persona filter", ApiFixture.event(A, "GET", "/tests/RUN/interactions", null,
                Map.of("persona", "NOT OK"), Map.of()), 400, "invalid_id", null));
        // ---- suites
        l.add(c("suite: no body", "PUT", "/suites/s-one", null, 400, "missing_body"));
        l.add(c("suite: missing name", "PUT", "/suites/s-one", "{\"entries\":[{\"workflow\":\"wf-one\"}]}", 400,
                "invalid_suite", "/name"));
        l.add(c("suite: empty entries", "PUT", "/suites/s-one", "{\"name\":\"S\",\"entries\":[]}", 400, "invalid_suite",
                "/entries"));
        l.add(c("suite: entry without workflow", "PUT", "/suites/s-one", "{\"name\":\"S\",\"entries\":[{}]}", 400,
                "invalid_suite", "/entries/0/workflow"));
        l.add(c("suite: unknown field", "PUT", "/suites/s-one", "{\"name\":\"S\",\"entries\":[{\"workflow\":\"w\"}],"
                + "\"owner\":\"x\"}", 400, "invalid_suite", "/owner"));
        l.add(c("suite: id mismatch", "PUT", "/suites/s-one", "{\"id\":\"s-two\",\"name\":\"S\",\"entries\":"
                + "[{\"workflow\":\"w\"}]}", 400, "invalid_suite", "/id"));
        l.add(c("suite: name too long", "PUT", "/suites/s-one", "{\"name\":\"" + "n".repeat(201) + "\",\"entries\":"
                + "[{\"workflow\":\"w\"}]}", 400, "invalid_suite", "/name"));
        l.add(c("suite: body over 64 KiB", "PUT", "/suites/s-one", "{\"name\":\"S\",\"description\":\""
                + "d".repeat(70 * 1024) + "\",\"entries\":[{\"workflow\":\"w\"}]}", 413, "payload_too_large"));
        l.add(c("suite: unknown expectation type", "PUT", "/suites/s-one", "{\"name\":\"S\",\"entries\":[{\"workflow\":"
                + "\"w\",\"expectations\":[{\"type\":\"reaches_mars\"}]}]}", 400, "invalid_suite", "/entries/0/expectations/0/type"));
        l.add(c("suite: expectation without its step", "PUT", "/suites/s-one", "{\"name\":\"S\",\"entries\":[{\"workflow\":"
                + "\"w\",\"expectations\":[{\"type\":\"reaches_step\"}]}]}", 400, "invalid_suite", "/entries/0/expectations/0"));
        l.add(c("suite: GET missing", "GET", "/suites/nope", null, 404, "not_found"));
        // ---- routing
        l.add(c("router: method not allowed", "PATCH", "/personas", "{}", 405, "method_not_allowed"));
        l.add(c("router: unknown route", "GET", "/nowhere", null, 404, "route_not_found"));
        return l;
    }

    @Test
    void thereAreAtLeastFiftyCases() {
        assertTrue(cases().size() >= 50, "only " + cases().size());
    }

    @org.junit.jupiter.api.Test
    void anUnknownTraitIsStoredWithAVisibleWarning() {
        APIGatewayV2HTTPResponse r = f.call(ApiFixture.event(A, "POST", "/personas",
                personaWith("behavior_traits", "[\"speaks_spanish\",\"responds_quickley\"]")));
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode w = ApiFixture.json(r).get("warnings");
        assertTrue(w != null && w.size() == 1, r.getBody());
        assertEquals("unknown_trait", w.get(0).get("code").asText());
        assertEquals("/behavior_traits/1", w.get(0).get("pointer").asText());
        assertTrue(w.get(0).get("message").asText().contains("'responds_quickly'"), r.getBody());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearErrorAndNothingWritten(Case c) {
        APIGatewayV2HTTPEvent e = c.event();
        if (e.getRawPath().contains("/RUN/")) {
            e.setRawPath(e.getRawPath().replace("/RUN/", "/" + runId + "/"));
            e.getRequestContext().getHttp().setPath(e.getRawPath());
        }
        Set<String> before = f.snapshot();
        APIGatewayV2HTTPResponse r = f.call(e);
        assertEquals(c.status(), r.getStatusCode(), r.getBody());
        JsonNode err = ApiFixture.json(r).get("error");
        assertEquals(c.code(), err.get("code").asText(), r.getBody());
        assertTrue(err.get("message").asText().length() > 10, r.getBody());
        assertFalse(err.get("message").asText().contains("Exception"), r.getBody());
        if (c.pointer() != null) {
            JsonNode problems = err.get("problems");
            assertTrue(problems != null && problems.isArray() && !problems.isEmpty(), r.getBody());
            boolean found = false;
            for (JsonNode p : problems) found |= p.get("pointer").asText().equals(c.pointer());
            assertTrue(found, "expected a problem at " + c.pointer() + ": " + r.getBody());
        }
        assertEquals(before, f.snapshot(), "the table changed");
        String b = new String(r.getBody().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals("application/json", r.getHeaders().get("content-type"), b);
    }
}
