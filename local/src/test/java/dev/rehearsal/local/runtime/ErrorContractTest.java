package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.cli.ServeCommand;
import dev.rehearsal.store.TableAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error contract over the real {@code rehearse serve} server, byte for byte on a socket: a
 * corpus of well over 300 malformed requests (paths, methods, headers, bodies, sizes), each of
 * which must get a 4xx JSON envelope with a code, a clear message and a request id, never name a
 * Java class, package or library internal, and write nothing (a full scan before and after).
 */
class ErrorContractTest {
    static final String A = "contract";
    static ServeCommand.Stack stack;
    static int port;

    /** What no message may contain: Java packages and classes, library names and their switches. */
    static final Pattern INTERNAL = Pattern.compile(
            "\\b(java|javax|jdk|sun|com|org|dev|software)\\.[a-z]|Exception\\b|\\bJackson|Feature\\b|Constraints|"
                    + "StreamRead|JsonParse|URISyntax|\\.java\\b|Jetty|BadMessage|at \\[Source");
    static final Pattern CODE = Pattern.compile("^[a-z][a-z_]{2,40}$");

    record Case(String name, String method, String target, Map<String, String> headers, byte[] body, int status,
                String code) {
    }

    @BeforeAll
    static void start() throws Exception {
        stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 2);
        port = stack.server().port();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        assertEquals(201, call("PUT", "/workflows/sms-lead-followup", json(), wf.getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, call("POST", "/personas", json(), persona("p-one", "One").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, call("PUT", "/suites/s-one", json(),
                "{\"name\":\"S\",\"entries\":[{\"workflow\":\"sms-lead-followup\"}]}".getBytes(StandardCharsets.UTF_8)).status());
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    static Map<String, String> json() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Rehearsal-Account", A);
        h.put("Content-Type", "application/json");
        return h;
    }

    static Map<String, String> with(String k, String v) {
        Map<String, String> h = json();
        h.put(k, v);
        return h;
    }

    static RawHttp.Reply call(String method, String target, Map<String, String> headers, byte[] body) throws Exception {
        return RawHttp.request(port, method, target, headers, body);
    }

    static String persona(String id, String name) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"name\":\"" + name + "\",\"description\":\"A lead\","
                + "\"personality\":{\"tone\":\"friendly\",\"response_length\":\"short\",\"decision_speed\":\"fast\","
                + "\"objection_likelihood\":\"low\"}}";
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Case> corpus() {
        List<Case> l = new ArrayList<>();
        // ---- malformed percent-encoding and bytes that are not UTF-8, in every route's id
        String[] badIds = {"%zz", "%", "%e", "%g0", "abc%", "%%", "%ff", "%c3%28", "%e2%82", "%80", "%fe%ff", "a%zzb"};
        String[] idRoutes = {"/personas/%s", "/workflows/%s", "/workflows/%s/validate", "/workflows/%s/test",
                "/tests/%s", "/tests/%s/report", "/tests/%s/interactions", "/suites/%s"};
        for (String route : idRoutes) {
            for (String id : badIds) {
                String method = route.endsWith("/test") || route.endsWith("/validate") ? "POST" : "GET";
                l.add(new Case("path " + route + " id " + id, method, route.replace("%s", id), json(), null, 400,
                        "malformed_path"));
            }
        }
        // ---- ids that decode but are not ids
        String[] invalidIds = {"UPPER", "with%20space", "a.b.c", "x".repeat(200), "%2e%2e", "-lead", "a%2Fb", "%00", "%e2%82%ac"};
        for (String id : invalidIds) {
            for (String route : new String[]{"/personas/%s", "/tests/%s", "/tests/%s/report"}) {
                l.add(new Case("invalid id " + route + " " + id, "GET", route.replace("%s", id), json(), null, 0, null));
            }
        }
        // ---- every method a route does not serve: 405 with Allow
        Map<String, String> allow = new TreeMap<>(Map.of(
                "/personas", "GET, POST", "/personas/p-one", "DELETE, GET, PUT", "/workflows/sms-lead-followup", "GET, PUT",
                "/workflows/sms-lead-followup/validate", "POST", "/workflows/sms-lead-followup/test", "POST",
                "/tests/run-00000000000000000000000000000000", "DELETE, GET",
                "/tests/run-00000000000000000000000000000000/report", "GET",
                "/tests/run-00000000000000000000000000000000/interactions", "GET", "/suites/s-one", "GET, PUT"));
        for (Map.Entry<String, String> e : allow.entrySet()) {
            for (String m : new String[]{"GET", "PUT", "POST", "DELETE", "PATCH"}) {
                if (e.getValue().contains(m)) continue;
                l.add(new Case(m + " " + e.getKey(), m, e.getKey(), json(), m.equals("GET") || m.equals("DELETE") ? null : b("{}"),
                        405, "method_not_allowed"));
            }
        }
        // ---- paths no route serves
        for (String p : new String[]{"/", "/nope", "/personas/a/b", "/workflow", "/test", "/tests/x/y/z", "/suite",
                "/workflows/a/test/again", "//", "/personas//", "/%2e%2e/etc/passwd", "/admin", "/PERSONAS"}) {
            l.add(new Case("no route " + p, "GET", p, json(), null, 0, null));
        }
        // ---- the account header: empty, malformed, impersonating a subject
        for (String acct : new String[]{"", " ", "user:someone", "a#b", "bad account", "-x", "x".repeat(200), "é"}) {
            for (String p : new String[]{"/personas", "/workflows/sms-lead-followup", "/tests/run-00000000000000000000000000000000"}) {
                Map<String, String> h = json();
                h.put("X-Rehearsal-Account", acct);
                l.add(new Case("account '" + acct + "' " + p, "GET", p, h, null, 401, "unauthenticated"));
            }
        }
        // ---- bodies that are not UTF-8, or hold lone surrogates
        byte[][] notUtf8 = {{'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                {(byte) 0xc3, (byte) 0x28}, {'{', '"', (byte) 0xe2, (byte) 0x82, '"', ':', '1', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'}};
        String[] surrogates = {"{\"name\":\"\\ud800\"}", "{\"name\":\"x\\udc00y\"}", "{\"\\ud83d\":1}",
                "{\"a\":[\"ok\",\"\\ud800\\u0041\"]}", "{\"name\":\"\\udbff\"}"};
        String[][] bodyRoutes = {{"POST", "/personas"}, {"PUT", "/personas/p-two"}, {"PUT", "/workflows/wf-x"},
                {"POST", "/workflows/sms-lead-followup/validate"}, {"POST", "/workflows/sms-lead-followup/test"},
                {"PUT", "/suites/s-two"}};
        for (String[] r : bodyRoutes) {
            for (byte[] bytes : notUtf8) l.add(new Case("not UTF-8 " + r[1], r[0], r[1], json(), bytes, 400, "malformed_body"));
            for (String s : surrogates) l.add(new Case("surrogate " + s + " " + r[1], r[0], r[1], json(), b(s), 400, "malformed_body"));
        }
        // ---- malformed JSON of every kind
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String[] malformed = {"{", "}", "{\"a\":}", "{'a':1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}",
                "{\"a\":01}", "{\"a\":1,}", "[1,]", "{\"a\":1}{\"b\":2}", "{\"a\":\"\u0001\"}", "/* c */{}", "{\"a\":tru}",
                "{\"a\":\"unterminated}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "\uFEFF{}x", deep, "{\"a\":" + deep + "}",
                "{\"a\":1,\"a\":2}", "{\"a\":\"\\x41\"}", "{\"a\":.5}", "{\"a\":+1}", "nul", "{\"a\":\"\\u12\"}"};
        for (String[] r : bodyRoutes) {
            for (String s : malformed) l.add(new Case("malformed " + s.substring(0, Math.min(s.length(), 20)) + " " + r[1],
                    r[0], r[1], json(), b(s), 0, null));
        }
        // ---- sizes: declared too large (never read), counted too large (chunked)
        for (String[] r : bodyRoutes) {
            Map<String, String> h = json();
            h.put("Content-Length", String.valueOf(256L * 1024 * 1024));
            l.add(new Case("declared 256 MB " + r[1], r[0], r[1], h, new byte[0], 413, "payload_too_large"));
            Map<String, String> c = json();
            c.put("Transfer-Encoding", "chunked");
            l.add(new Case("chunked 300 KiB " + r[1], r[0], r[1], c, chunked(300 * 1024), 413, "payload_too_large"));
        }
        // ---- media types, idempotency keys, queries
        for (String[] r : bodyRoutes) {
            l.add(new Case("text/plain " + r[1], r[0], r[1], with("Content-Type", "text/plain"), b("{}"), 415,
                    "unsupported_media_type"));
        }
        for (String key : new String[]{"has space", "x".repeat(129), "a/b", "é", "a#b"}) {
            l.add(new Case("idempotency key " + key, "POST", "/workflows/sms-lead-followup/test",
                    with("Idempotency-Key", key), b("{}"), 400, "invalid_idempotency_key"));
        }
        for (String q : new String[]{"limit=0", "limit=-1", "limit=abc", "limit=101", "limit=%zz", "next=%zz", "next=notatoken",
                "persona=BAD", "persona=%ff", "limit=1e3", "limit=%20"}) {
            l.add(new Case("query " + q, "GET", "/tests/run-00000000000000000000000000000000/interactions?" + q, json(), null,
                    0, null));
        }
        // ---- the listings' queries (issue 13)
        for (String list : new String[]{"/workflows", "/suites", "/tests"}) {
            for (String q : new String[]{"limit=101", "limit=0", "next=notatoken", "next=%zz", "next=" + "A".repeat(2000)}) {
                l.add(new Case("query " + list + "?" + q, "GET", list + "?" + q, json(), null, 0, null));
            }
        }
        for (String q : new String[]{"status=DONE", "status=", "workflow_id=a%23b", "workflow_id=-x"}) {
            l.add(new Case("query /tests?" + q, "GET", "/tests?" + q, json(), null, 400, null));
        }
        // ---- test requests that are JSON but wrong
        for (String s : new String[]{"{\"personas\":[]}", "{\"personas\":\"eager-eddie\"}", "{\"personas\":[1]}",
                "{\"personas\":[\"eager-eddie\",\"eager-eddie\"]}", "{\"personas\":[\"ghost\"]}", "{\"seed\":1.5}",
                "{\"seed\":\"7\"}", "{\"version\":0}", "{\"version\":99}", "{\"extra\":true}", "[]", "\"x\"", "42"}) {
            l.add(new Case("test request " + s, "POST", "/workflows/sms-lead-followup/test", json(), b(s), 0, null));
        }
        return l;
    }

    static byte[] chunked(int size) {
        StringBuilder sb = new StringBuilder();
        int left = size;
        while (left > 0) {
            int n = Math.min(8192, left);
            sb.append(Integer.toHexString(n)).append("\r\n").append("x".repeat(n)).append("\r\n");
            left -= n;
        }
        return b(sb.append("0\r\n\r\n").toString());
    }

    static Set<String> tableItems() {
        Set<String> out = new TreeSet<>();
        for (Map<String, AttributeValue> item : TableAdmin.scanAll(stack.store().table().client(), stack.store().table().name())) {
            out.add(new TreeMap<>(item).toString());
        }
        return out;
    }

    @Test
    void everyMalformedRequestGetsAClearJsonErrorAndWritesNothing() throws Exception {
        List<Case> corpus = corpus();
        assertTrue(corpus.size() >= 300, "corpus of " + corpus.size());
        Set<String> before = tableItems();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Case c : corpus) {
            RawHttp.Reply r = call(c.method(), c.target(), c.headers(), c.body());
            byStatus.merge(r.status(), 1, Integer::sum);
            String problem = judge(c, r);
            if (problem != null) failures.add(c.name() + ": " + problem + " -> " + r.status() + " " + r.body());
        }
        System.out.println("error-contract: " + corpus.size() + " malformed requests, statuses " + byStatus + ", "
                + failures.size() + " unclear");
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " unclear; statuses " + byStatus);
        assertEquals(before, tableItems(), "no malformed request wrote anything");
    }

    /** Null when the reply keeps the contract, else what is wrong with it. */
    static String judge(Case c, RawHttp.Reply r) {
        if (r.status() < 400 || r.status() >= 500) return "not a 4xx";
        if (c.status() != 0 && r.status() != c.status()) return "expected " + c.status();
        if (r.header("content-type") == null || !r.header("content-type").startsWith("application/json")) {
            return "not JSON (" + r.header("content-type") + ")";
        }
        JsonNode err;
        try {
            err = Json.mapper().readTree(r.body()).get("error");
        } catch (Exception e) {
            return "unparseable body";
        }
        if (err == null || !err.isObject()) return "no error object";
        String code = err.path("code").asText("");
        String message = err.path("message").asText("");
        if (!CODE.matcher(code).matches()) return "bad code '" + code + "'";
        if (c.code() != null && !c.code().equals(code)) return "expected code " + c.code();
        if (message.length() < 12) return "message too short";
        if (err.path("request_id").asText("").isEmpty()) return "no request_id";
        if (INTERNAL.matcher(message).find() || INTERNAL.matcher(err.path("problems").toString()).find()) {
            return "names an internal: " + message;
        }
        if (r.status() == 405 && (r.header("allow") == null || r.header("allow").isBlank())) return "405 without Allow";
        return null;
    }

    @Test
    void aWrongMethodIs405WithTheMethodsTheRouteServes() throws Exception {
        RawHttp.Reply r = call("DELETE", "/workflows/x", json(), null);
        assertEquals(405, r.status(), r.body());
        assertEquals("GET, PUT", r.header("allow"));
        assertEquals("method_not_allowed", Json.mapper().readTree(r.body()).at("/error/code").asText());
    }

    @Test
    void aMalformedEscapeInThePathIsA400NamingIt() throws Exception {
        RawHttp.Reply r = call("GET", "/personas/%zz", json(), null);
        assertEquals(400, r.status(), r.body());
        JsonNode err = Json.mapper().readTree(r.body()).get("error");
        assertEquals("malformed_path", err.get("code").asText());
        assertTrue(err.get("message").asText().contains("percent-escape"), err.toString());
    }

    @Test
    void aDeclaredHugeBodyIsRefusedBeforeItIsSent() throws Exception {
        // Only the headers go out: the answer comes without the server waiting for (or buffering) 256 MB.
        RawHttp.Reply r = RawHttp.send(port, "POST /personas HTTP/1.1\r\nX-Rehearsal-Account: " + A
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (256L * 1024 * 1024), null);
        assertEquals(413, r.status(), r.body());
        assertEquals("payload_too_large", Json.mapper().readTree(r.body()).at("/error/code").asText());
    }

    @Test
    void theParserHintsNeverReachTheMessage() throws Exception {
        RawHttp.Reply nan = call("POST", "/personas", json(), b("{\"name\":NaN}"));
        String msg = Json.mapper().readTree(nan.body()).at("/error/message").asText();
        assertTrue(msg.contains("NaN") && !msg.contains("JsonReadFeature") && !msg.contains("`"), msg);
        RawHttp.Reply deep = call("POST", "/personas", json(), b("[".repeat(5000)));
        String d = Json.mapper().readTree(deep.body()).at("/error/message").asText();
        assertTrue(d.contains("nesting depth") && !d.contains("StreamReadConstraints"), d);
    }

    @Test
    void aLoneSurrogateIsRefusedWithItsPointer() throws Exception {
        RawHttp.Reply r = call("POST", "/personas", json(), b(persona(null, "Pat").replace("A lead", "A \\ud800 lead")));
        assertEquals(400, r.status(), r.body());
        JsonNode err = Json.mapper().readTree(r.body()).get("error");
        assertEquals("malformed_body", err.get("code").asText());
        assertEquals("/description", err.at("/problems/0/pointer").asText());
    }

    @Test
    void anEmptyAccountHeaderIsUnauthenticatedNotAnAccount() throws Exception {
        RawHttp.Reply r = call("GET", "/personas", with("X-Rehearsal-Account", ""), null);
        assertEquals(401, r.status(), r.body());
        assertNotNull(r.header("content-type"));
    }
}
