package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.api.ApiHandlerBase;
import dev.rehearsal.functions.steps.StepHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml, the handler classes and statemachine/*.asl.json agree with each other. */
class TemplateCrossCheckTest {
    final SamTemplate t = SamTemplate.load(RuntimeFixture.projectFile("template.yaml"));

    @Test
    void everyHandlerExistsAndImplementsTheRightInterface() throws Exception {
        assertFalse(t.functions().isEmpty());
        for (SamTemplate.FunctionDef f : t.functions().values()) {
            Class<?> c = Class.forName(f.handlerClass());
            String method = f.handler().substring(f.handler().indexOf("::") + 2);
            assertEquals("handleRequest", method, f.logicalId());
            // exactly one: the Lambda runtime must not have to choose between overloads
            long methods = java.util.Arrays.stream(c.getMethods()).filter(m -> m.getName().equals(method) && !m.isBridge()).count();
            assertEquals(1, methods, f.logicalId() + ": one public " + method);
            assertTrue(c.getConstructor() != null, f.logicalId() + " needs a no-arg constructor for Lambda");
            if (!f.routes().isEmpty()) {
                assertTrue(ApiHandlerBase.class.isAssignableFrom(c), f.logicalId() + " serves routes: an API Gateway v2 handler");
            }
            // every function reads its own event (no data binding in the runtime for it: docs/PERFORMANCE.md)
            assertTrue(RequestStreamHandler.class.isAssignableFrom(c), f.logicalId() + ": a stream handler");
            assertFalse(RequestHandler.class.isAssignableFrom(c), f.logicalId() + ": not a typed handler too");
        }
        assertEquals(1, t.functions().values().stream().filter(f -> !f.schedules().isEmpty()).count(),
                "one scheduled function (the nightly regression)");
    }

    @Test
    void everySubstitutionIsDefinedUsedAndNamesAStepFunction() throws Exception {
        for (SamTemplate.StateMachineDef sm : t.stateMachines().values()) {
            String asl = Files.readString(sm.definition());
            Set<String> used = new HashSet<>();
            Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(asl);
            while (m.find()) used.add(m.group(1));
            assertEquals(used, sm.substitutions().keySet(), "substitutions defined vs used in " + sm.definition());
            for (Map.Entry<String, String> e : sm.substitutions().entrySet()) {
                SamTemplate.FunctionDef f = t.functions().get(e.getValue());
                assertNotNull(f, e.getKey() + " names " + e.getValue() + ", not a function of the template");
                assertTrue(StepHandler.class.isAssignableFrom(Class.forName(f.handlerClass())), e.getKey());
                String state = e.getKey().replace("FunctionArn", "");
                assertTrue(f.handlerClass().endsWith("." + state), e.getKey() + " -> " + f.handlerClass());
            }
            JsonNode def = Json.mapper().readTree(asl);
            assertTrue(def.get("States").has("MarkRunFailed"));
        }
    }

    @Test
    void everyRouteHasAHandlerThatServesIt() throws Exception {
        assertEquals(20, t.routes().size());
        try (LocalRuntime rt = RuntimeFixture.runtime(RuntimeFixture.freshStore())) {
            for (Map.Entry<String, SamTemplate.FunctionDef> e : t.routes().entrySet()) {
                String[] mp = e.getKey().split(" ", 2);
                if (e.getKey().equals(CATCH_ALL)) continue;
                String path = mp[1].replace("{id}", "x-1");
                var ev = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                        .withRawPath(path).withRouteKey(e.getKey())
                        .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod(mp[0]).withPath(path).build()).build()).build();
                var resp = rt.invokeApi(e.getValue(), ev);
                assertFalse(resp.getBody().contains("route_not_found") || resp.getBody().contains("method_not_allowed"),
                        e.getKey() + " is routed by " + e.getValue().handler() + ": " + resp.getBody());
                assertEquals(401, resp.getStatusCode(), e.getKey() + " matched, then refused without claims: " + resp.getBody());
            }
        }
    }

    static final String CATCH_ALL = "ANY /{proxy+}";

    @Test
    void theCatchAllRouteReachesTheApiFunctionWhichAnswers405WithAllow() throws Exception {
        SamTemplate.FunctionDef f = t.routes().get(CATCH_ALL);
        assertNotNull(f, "a catch-all route, so API Gateway does not answer unrouted methods with its own 404");
        try (LocalRuntime rt = RuntimeFixture.runtime(RuntimeFixture.freshStore())) {
            var ev = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                    .withRawPath("/workflows/x-1").withRouteKey(CATCH_ALL)
                    .withPathParameters(Map.of("proxy", "workflows/x-1"))
                    .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod("DELETE").withPath("/workflows/x-1").build()).build()).build();
            var resp = rt.invokeApi(f, ev);
            assertEquals(405, resp.getStatusCode(), resp.getBody());
            assertEquals("GET, PUT", resp.getHeaders().get("allow"));
            assertEquals("method_not_allowed", Json.mapper().readTree(resp.getBody()).at("/error/code").asText());
        }
    }
}
