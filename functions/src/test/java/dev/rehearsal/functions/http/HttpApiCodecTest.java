package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.engine.json.Problem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API handler's own event reader and response writer against the Lambda Java runtime's serializer
 * (aws-lambda-java-serialization, what the runtime uses for a typed {@code RequestHandler}): the same event
 * objects from the same bytes, the same response JSON. (EventsTest does the same for every events/api file.)
 */
class HttpApiCodecTest {
    static final ClassLoader CL = HttpApiCodecTest.class.getClassLoader();
    static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, CL);
    static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, CL);

    /** Every field of the class, and some the class does not have (ignored by both). */
    static final String FULL = """
            {"version":"2.0","routeKey":"POST /personas","rawPath":"/personas","rawQueryString":"a=1&a=2&b=%20x",
             "cookies":["session=abc","theme=dark; Path=/"],
             "headers":{"Content-Type":"application/json","X-Rehearsal-Account":"acme","x-forwarded-port":443},
             "queryStringParameters":{"a":"1,2","b":" x"},"pathParameters":{"id":"caf\\u00e9"},
             "stageVariables":{"tier":"dev"},"unknownTop":{"deep":[1,{"x":null}]},
             "requestContext":{"accountId":"123456789012","apiId":"api1","domainName":"d.example","domainPrefix":"d",
              "http":{"method":"POST","path":"/personas","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"ua",
                      "extra":true},
              "authorizer":{"jwt":{"claims":{"sub":"u1","custom:account_id":"acme","auth_time":1705300000,"email_verified":true},
                                   "scopes":["rehearsal/act-for-account","openid"]},
                            "lambda":{"tenant":"acme","level":3,"big":12345678901,"ratio":0.5,"ok":false,"none":null,
                                      "tags":["a",1,{"b":[]}]},
                            "iam":{"accessKey":"AKIA","accountId":"1","callerId":"c","principalOrgId":"o","userArn":"arn",
                                   "userId":"u","cognitoIdentity":{"amr":["authenticated"],"identityId":"i","identityPoolId":"p"}}},
              "requestId":"rid=","routeKey":"POST /personas","stage":"$default","time":"15/Jan/2024:06:26:40 +0000",
              "timeEpoch":1705300000000,"authentication":{"clientCert":{"subjectDN":"x"}}},
             "body":"eyJuYW1lIjoiRGFuYSJ9","isBase64Encoded":true}
            """;

    static APIGatewayV2HTTPEvent runtime(String json) {
        return RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullEventReadsAsTheRuntimeReadsIt() {
        APIGatewayV2HTTPEvent ours = HttpApiEventReader.read(FULL);
        assertEquals(runtime(FULL), ours);
        // spot checks, so equality is not between two empty objects
        assertEquals(List.of("session=abc", "theme=dark; Path=/"), ours.getCookies());
        assertEquals("443", ours.getHeaders().get("x-forwarded-port"), "a number where text belongs: its text");
        assertEquals("café", ours.getPathParameters().get("id"));
        assertEquals("1705300000", ours.getRequestContext().getAuthorizer().getJwt().getClaims().get("auth_time"));
        assertEquals(12345678901L, ours.getRequestContext().getAuthorizer().getLambda().get("big"));
        assertEquals(List.of("a", 1, Map.of("b", List.of())), ours.getRequestContext().getAuthorizer().getLambda().get("tags"));
        assertEquals("i", ours.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getIdentityId());
        assertEquals(1705300000000L, ours.getRequestContext().getTimeEpoch());
        assertTrue(ours.getIsBase64Encoded());
    }

    @Test
    void nullsAndAbsentFieldsAreNullAsTheRuntimeHasThem() {
        for (String json : List.of("{}", "{\"headers\":null,\"requestContext\":null,\"isBase64Encoded\":null,\"cookies\":null}",
                "{\"requestContext\":{\"http\":null,\"authorizer\":{\"jwt\":null,\"lambda\":null},\"timeEpoch\":null}}")) {
            APIGatewayV2HTTPEvent ours = HttpApiEventReader.read(json);
            assertEquals(runtime(json), ours, json);
        }
        assertNull(HttpApiEventReader.read("{}").getHeaders());
    }

    static ApiException refused(String json) {
        ApiException e = assertThrows(ApiException.class, () -> HttpApiEventReader.read(json), json);
        assertEquals(400, e.status(), e.getMessage());
        assertEquals(HttpApiEventReader.MALFORMED, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aMalformedEventIsRefusedNamingWhereAndWhat() {
        assertTrue(refused("").getMessage().contains("the event is empty"));
        assertTrue(refused("  [1]").getMessage().contains("must be a JSON object, not an array"));
        assertTrue(refused("{} {}").getMessage().contains("content after the event"));

        ApiException broken = refused("{\"version\":\"2.0\",\n \"rawPath\": /personas}");
        assertTrue(broken.getMessage().startsWith("the event is not valid JSON: "), broken.getMessage());
        assertFalse(broken.getMessage().contains("Source:"), "no parser internals: " + broken.getMessage());
        assertEquals(2, broken.problems().get(0).line());

        ApiException headers = refused("{\"version\":\"2.0\",\n\"headers\":\"accept: */*\"}");
        Problem p = headers.problems().get(0);
        assertEquals("/headers", p.pointer());
        assertEquals(2, p.line());
        assertEquals(11, p.column());
        assertTrue(headers.getMessage().contains("expected an object, found text at /headers"), headers.getMessage());

        ApiException claim = refused("{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":{\"x\":1}}}}}}");
        assertEquals("/requestContext/authorizer/jwt/claims/sub", claim.problems().get(0).pointer());
        assertEquals("/cookies", refused("{\"cookies\":\"a=b\"}").problems().get(0).pointer());
        assertEquals("/isBase64Encoded", refused("{\"isBase64Encoded\":\"yes\"}").problems().get(0).pointer());
        assertEquals("/requestContext/timeEpoch", refused("{\"requestContext\":{\"timeEpoch\":\"noon\"}}").problems().get(0).pointer());
    }

    static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body, boolean base64) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(base64).build();
    }

    @Test
    void responsesAreWrittenAsTheRuntimeWritesThem() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put("retry-after", "30");
        APIGatewayV2HTTPResponse withCookies = response(201, h, "{\"id\":\"x\"}", false);
        withCookies.setCookies(List.of("a=1; HttpOnly", "b=\"two\""));
        APIGatewayV2HTTPResponse multi = response(200, Map.of(), "", false);
        multi.setMultiValueHeaders(Map.of("vary", List.of("accept", "origin")));
        List<APIGatewayV2HTTPResponse> all = new ArrayList<>(List.of(
                Responses.json(200, JsonTrees.read("{\"name\":\"Dana \\u00e9\\n\\\"q\\\"\",\"n\":[1,2.5,null]}")),
                Responses.error(429, "too_many_runs", "wait", List.of(new Problem("/a", 1, 2, "c", "m")), "rid"),
                Responses.noContent(),
                response(200, Map.of("content-type", "application/octet-stream"), "AAEC/w==", true),
                withCookies, multi,
                response(500, null, null, false)));
        for (APIGatewayV2HTTPResponse r : all) {
            String ours = HttpApiResponseWriter.toJson(r);
            ByteArrayOutputStream theirs = new ByteArrayOutputStream();
            RUNTIME_RESPONSES.toJson(r, theirs);
            assertEquals(withoutNulls(JsonTrees.read(theirs.toString(StandardCharsets.UTF_8))), JsonTrees.read(ours), ours);
            assertEquals(r, RUNTIME_RESPONSES.fromJson(ours), "the runtime reads back what we wrote: " + ours);
        }
    }

    /** The runtime writes absent fields as null; API Gateway treats the two alike, so ours are left out. */
    static JsonNode withoutNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.properties().removeIf(e -> e.getValue().isNull());
        }
        return n;
    }
}
