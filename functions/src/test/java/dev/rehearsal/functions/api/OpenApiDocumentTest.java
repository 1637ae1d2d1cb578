package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * api/openapi.yaml is a valid OpenAPI 3.1 document (swagger-parser, its $refs into schemas/ resolved),
 * names exactly the routes the API function serves, and allows every events/api request. Route and
 * scope parity with template.yaml: local's OpenApiTemplateParityTest.
 */
class OpenApiDocumentTest {
    @Test
    void theDocumentIsValidOpenApi31WithItsReferencesResolved() {
        ParseOptions o = new ParseOptions();
        o.setResolve(true);
        SwaggerParseResult r = new OpenAPIV3Parser().readLocation(OpenApiContract.FILE.toUri().toString(), null, o);
        assertNotNull(r.getOpenAPI(), String.valueOf(r.getMessages()));
        assertEquals(List.of(), r.getMessages(), "swagger-parser's findings");
        assertEquals("3.1.0", r.getOpenAPI().getOpenapi());
        assertTrue(r.getOpenAPI().getComponents().getSecuritySchemes().containsKey("CrmJwt"));
    }

    @Test
    void itNamesExactlyTheRoutesTheApiFunctionServes() {
        List<String> served = new ApiHandler(new ApiFixture().services).router().routeKeys();
        assertEquals(served.stream().sorted().toList(), OpenApiContract.routeKeys().stream().sorted().toList());
    }

    @Test
    void everyEventFileIsARequestTheDocumentAllows() {
        List<String> problems = new ArrayList<>();
        for (String name : ApiFixture.eventNames()) {
            OpenApiContract.requestProblems(ApiFixture.loadEvent(name)).forEach(p -> problems.add(name + ": " + p));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckerCatchesWhatTheDocumentDoesNotAllow() {
        // a camelCase key, an undeclared query parameter, an undocumented status: each is caught
        APIGatewayV2HTTPEvent get = ApiFixture.event("acme", "GET", "/tests/run-0123456789abcdef0123456789abcdef", null);
        var camel = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"runId\":\"run-0123456789abcdef0123456789abcdef\"}").build();
        assertFalse(OpenApiContract.responseProblems(get, camel).isEmpty());
        var teapot = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse.builder().withStatusCode(418)
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").build();
        assertFalse(OpenApiContract.responseProblems(get, teapot).isEmpty());
        APIGatewayV2HTTPEvent odd = ApiFixture.event("acme", "GET", "/workflows", null, Map.of("sort", "name"), Map.of());
        assertFalse(OpenApiContract.requestProblems(odd).isEmpty());
        APIGatewayV2HTTPEvent badBody = ApiFixture.event("acme", "PUT", "/suites/s1", "{\"name\":\"n\"}");
        assertFalse(OpenApiContract.requestProblems(badBody).isEmpty(), "a suite needs entries");
    }
}
