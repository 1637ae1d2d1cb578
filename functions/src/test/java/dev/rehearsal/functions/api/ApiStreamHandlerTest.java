package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.functions.observe.JsonLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API function's Lambda entry point, bytes in and bytes out, with events written by hand the way API
 * Gateway writes them (header names as the client sent them, base64 bodies, cookies, query strings),
 * against dynalite.
 */
class ApiStreamHandlerTest {
    final ApiFixture f = new ApiFixture();

    /** A payload 2.0 event; {@code extra}: more top-level fields, JSON text without the braces. */
    static String event(String method, String path, String account, String extra) {
        return """
                {"version":"2.0","routeKey":"$default","rawPath":"%2$s","rawQueryString":"",
                 "cookies":["session=abc"],
                 "requestContext":{"http":{"method":"%1$s","path":"%2$s","protocol":"HTTP/1.1","sourceIp":"203.0.113.1"},
                  "authorizer":{"jwt":{"claims":{"sub":"s-%3$s","custom:account_id":"%3$s"},"scopes":null}},
                  "requestId":"req-1","routeKey":"$default","stage":"$default","timeEpoch":1705300000000}%4$s}
                """.formatted(method, path, account, extra.isEmpty() ? "" : "," + extra);
    }

    APIGatewayV2HTTPResponse send(String event) {
        return ApiFixture.lambda(f.api, event.getBytes(StandardCharsets.UTF_8));
    }

    static String quoted(String s) {
        return dev.rehearsal.engine.json.JsonTrees.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }

    @Test
    void aPersonaIsCreatedFromABase64BodyAndReadBackByAnEncodedPathWithAQueryString() {
        String body = java.util.Base64.getEncoder().encodeToString(ApiFixture.persona("dana-b64", "Dana").getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse created = send(event("POST", "/personas", "acme", """
                "headers":{"Content-Type":"application/json; charset=utf-8"},"body":"%s","isBase64Encoded":true""".formatted(body)));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("application/json", created.getHeaders().get("content-type"));
        assertEquals("dana-b64", ApiFixture.json(created).get("id").asText());

        APIGatewayV2HTTPResponse got = send(event("GET", "/personas/dana%2Db64", "acme", """
                "queryStringParameters":{"view":"full"},"rawQueryString":"view=full\""""));
        assertEquals(200, got.getStatusCode(), got.getBody());
        assertEquals("Dana", ApiFixture.json(got).get("name").asText());
        assertEquals(404, send(event("GET", "/personas/dana-b64", "other-account", "")).getStatusCode(), "tenancy from the claims");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        APIGatewayV2HTTPResponse r = send(event("POST", "/personas", "acme", """
                "headers":{"CONTENT-TYPE":"text/plain"},"body":%s""".formatted(quoted(ApiFixture.persona("p1", "P")))));
        assertEquals(415, r.getStatusCode(), r.getBody());
        assertEquals("unsupported_media_type", ApiFixture.json(r).at("/error/code").asText());
    }

    @Test
    void theQueryStringIsRead() {
        APIGatewayV2HTTPResponse r = send(event("GET", "/personas", "acme", """
                "queryStringParameters":{"limit":"0"},"rawQueryString":"limit=0\""""));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("invalid_limit", ApiFixture.json(r).at("/error/code").asText());
        for (String id : List.of("p-one", "p-two")) {
            assertEquals(201, f.call(ApiFixture.event("acme", "POST", "/personas", ApiFixture.persona(id, "P"))).getStatusCode());
        }
        // the built-ins come first, then one page of the account's own
        JsonNode page = ApiFixture.json(send(event("GET", "/personas", "acme", """
                "queryStringParameters":{"limit":"1"},"rawQueryString":"limit=1\"""")));
        JsonNode all = ApiFixture.json(send(event("GET", "/personas", "acme", "")));
        assertEquals(all.get("items").size() - 1, page.get("items").size(), page.toString());
        assertTrue(page.get("next").isTextual(), page.toString());
    }

    @Test
    void aBadBodyInAGoodEventIsA400NamingTheProblem() {
        APIGatewayV2HTTPResponse r = send(event("POST", "/personas", "acme", """
                "headers":{"content-type":"application/json"},"body":"{\\"name\\": \\n  nope}\""""));
        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode err = ApiFixture.json(r).get("error");
        assertEquals("malformed_json", err.get("code").asText());
        assertEquals(2, err.at("/problems/0/line").asInt(), r.getBody());
        assertEquals("req-1", err.get("request_id").asText());
    }

    @Test
    void aMalformedEventIsA400NamingWhereAndIsLogged() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Consumer<String> before = JsonLog.sink(lines::add);
        APIGatewayV2HTTPResponse r;
        try {
            r = send("{\"version\":\"2.0\",\"requestContext\":{\"http\":[\"GET\"]}}");
        } finally {
            JsonLog.sink(before);
        }
        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode err = ApiFixture.json(r).get("error");
        assertEquals("malformed_event", err.get("code").asText());
        assertEquals("/requestContext/http", err.at("/problems/0/pointer").asText());
        assertTrue(err.get("message").asText().contains("expected an object, found an array"), r.getBody());
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("malformed event"), lines.get(0));

        APIGatewayV2HTTPResponse notJson = send("not json");
        assertEquals(400, notJson.getStatusCode());
        assertEquals("malformed_event", ApiFixture.json(notJson).at("/error/code").asText());
    }
}
