package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fresh table on the shared dynalite server, the API over it, and event builders. */
final class ApiFixture {
    final Table table;
    final Store store;
    final List<RunRef> started = new CopyOnWriteArrayList<>();
    volatile RuntimeException startFailure;
    final Services services;
    final ApiHandler api;

    ApiFixture() {
        String name = "api-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        table = new Table(Dynalite.shared().client(), name);
        store = Store.over(table);
        services = new Services(store, run -> {
            if (startFailure != null) throw startFailure;
            started.add(run);
        });
        api = new ApiHandler(services);
    }

    /**
     * The API's answer, checked against api/openapi.yaml (every handler test's responses are). Through the Lambda
     * entry point, as bytes: the event written as JSON (as API Gateway sends it), the response read back from JSON.
     */
    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        APIGatewayV2HTTPResponse r = lambda(api, e);
        OpenApiContract.assertConforms(e, r);
        return r;
    }

    /** Plain data binding, as the Lambda runtime's serializer reads and writes these event classes. */
    static final ObjectMapper EVENTS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** {@code e} handled by {@code h}'s Lambda entry point (the stream handler), as bytes in and out. */
    static APIGatewayV2HTTPResponse lambda(ApiHandlerBase h, APIGatewayV2HTTPEvent e) {
        try {
            return lambda(h, EVENTS.writeValueAsBytes(e));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static APIGatewayV2HTTPResponse lambda(ApiHandlerBase h, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            h.handleRequest(new ByteArrayInputStream(event), out, null);
            return EVENTS.readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static byte[] eventBytes(String name) {
        try {
            return Files.readAllBytes(eventsDir().resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every item of the table, as a sorted set of canonical strings (to compare before/after). */
    Set<String> snapshot() {
        Set<String> out = new TreeSet<>();
        for (Map<String, AttributeValue> item : TableAdmin.scanAll(table.client(), table.name())) {
            out.add(new java.util.TreeMap<>(item).toString());
        }
        return out;
    }

    static Path eventsDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("events").resolve("api");
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("no events/api folder above " + Path.of("").toAbsolutePath());
    }

    static APIGatewayV2HTTPEvent loadEvent(String name) {
        return EventLoader.loadApiGatewayHttpEvent(eventsDir().resolve(name + ".json").toString());
    }

    static List<String> eventNames() {
        try (var s = Files.list(eventsDir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A synthetic request from {@code account} (null: no authorizer at all). */
    static APIGatewayV2HTTPEvent event(String account, String method, String path, String body) {
        return event(account, method, path, body, Map.of(), Map.of());
    }

    static APIGatewayV2HTTPEvent event(String account, String method, String path, String body,
                                       Map<String, String> query, Map<String, String> headers) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = null;
        if (account != null) {
            Map<String, String> claims = new HashMap<>();
            claims.put("sub", "sub-" + account);
            claims.put("custom:account_id", account);
            auth = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
                            .withScopes(List.of()).build()).build();
        }
        Map<String, String> h = new HashMap<>(headers);
        if (body != null && !h.containsKey("content-type")) h.put("content-type", "application/json");
        APIGatewayV2HTTPEvent.RequestContext ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("req-" + UUID.randomUUID())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(auth).withRouteKey("$default").withStage("$default").build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(path)
                .withHeaders(h).withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withRequestContext(ctx).withBody(body).withIsBase64Encoded(false).build();
    }

    /**
     * A request from the CRM backend's machine token (client credentials: no account claim) with
     * {@code scopes}, naming {@code account} in the account header (null: no header).
     */
    static APIGatewayV2HTTPEvent machine(List<String> scopes, String account, String method, String path, String body) {
        Map<String, String> headers = new HashMap<>();
        if (account != null) headers.put("x-rehearsal-account", account);
        APIGatewayV2HTTPEvent e = event(null, method, path, body, Map.of(), headers);
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(new HashMap<>(Map.of("sub", "crm-backend", "client_id", "crm-backend",
                                "scope", String.join(" ", scopes))))
                        .withScopes(scopes).build()).build());
        return e;
    }

    static APIGatewayV2HTTPEvent base64(APIGatewayV2HTTPEvent e, String body) {
        e.setBody(body);
        e.setIsBase64Encoded(true);
        return e;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) {
        try {
            return r.getBody() == null || r.getBody().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.getBody());
        } catch (IOException e) {
            throw new AssertionError("response body is not JSON: " + r.getBody(), e);
        }
    }

    static String persona(String id, String name) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"name\":\"" + name + "\",\"description\":\"A lead called "
                + name + "\",\"personality\":{\"tone\":\"warm\",\"response_length\":\"short\",\"decision_speed\":\"fast\","
                + "\"objection_likelihood\":\"low\"},\"contact\":{\"first_name\":\"" + name + "\"}}";
    }

    static String workflow(String id) {
        return """
                {"id": "%s", "name": "Follow-up", "start": "hello",
                 "steps": [
                   {"id": "hello", "type": "send_sms", "config": {"body": "Hi {{contact.first_name | default: \\"there\\"}}! Reply STOP to opt out."}, "next": "wait"},
                   {"id": "wait", "type": "wait_for_reply", "config": {"timeout": "1d"}, "on_reply": "won", "on_timeout": "done"},
                   {"id": "won", "type": "goal", "config": {"goal": "booked"}},
                   {"id": "done", "type": "end"}
                 ]}
                """.formatted(id);
    }

    static String suite(String workflowId) {
        return "{\"name\":\"Nightly\",\"entries\":[{\"workflow\":\"" + workflowId + "\",\"personas\":[\"busy-bob\"]}]}";
    }

    static List<String> lines(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
