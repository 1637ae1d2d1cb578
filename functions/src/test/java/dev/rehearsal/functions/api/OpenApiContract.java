package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * api/openapi.yaml as a checker: a request (an events/api file) and a response (any a handler test
 * gets) must be what the document says for their operation, their bodies valid against its schemas
 * (which $ref schemas/*.json). Used by {@link ApiFixture#call} and the events test, so no response a
 * handler test sees can drift from the document unnoticed.
 */
final class OpenApiContract {
    static final Path FILE = projectFile("api/openapi.yaml");
    static final JsonNode DOC = read(FILE);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiContract() {
    }

    /** An operation: its method, path template and node. */
    record Operation(String method, String template, JsonNode node, JsonNode pathItem) {
        String key() {
            return method + " " + template;
        }
    }

    /** Every operation's route key ({@code GET /tests/{id}}). */
    static List<String> routeKeys() {
        List<String> out = new ArrayList<>();
        DOC.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }));
        return out;
    }

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    static Optional<Operation> find(String method, String path) {
        String[] actual = segments(path);
        for (Iterator<Map.Entry<String, JsonNode>> it = DOC.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String[] t = segments(p.getKey());
            if (t.length != actual.length) continue;
            boolean ok = true;
            for (int i = 0; i < t.length && ok; i++) ok = t[i].startsWith("{") || t[i].equals(actual[i]);
            JsonNode op = p.getValue().get(method.toLowerCase(Locale.ROOT));
            if (ok && op != null) return Optional.of(new Operation(method.toUpperCase(Locale.ROOT), p.getKey(), op, p.getValue()));
        }
        return Optional.empty();
    }

    /** What in {@code event} the document does not allow (empty: it conforms). */
    static List<String> requestProblems(APIGatewayV2HTTPEvent event) {
        List<String> out = new ArrayList<>();
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        Optional<Operation> found = find(method, path);
        if (found.isEmpty()) return List.of("no operation for " + method + " " + path);
        Operation op = found.get();
        if (event.getRouteKey() != null && !"$default".equals(event.getRouteKey()) && !event.getRouteKey().equals(op.key())) {
            out.add("routeKey " + event.getRouteKey() + " is not " + op.key());
        }
        List<JsonNode> params = new ArrayList<>();
        String at = "/paths/" + esc(op.template());
        collect(op.pathItem().path("parameters"), at + "/parameters/", params);
        collect(op.node().path("parameters"), at + "/" + op.method().toLowerCase(Locale.ROOT) + "/parameters/", params);
        String[] t = segments(op.template());
        String[] actual = segments(path);
        for (int i = 0; i < t.length; i++) {
            if (!t[i].startsWith("{")) continue;
            String name = t[i].substring(1, t[i].length() - 1);
            JsonNode p = param(params, "path", name);
            if (p == null) out.add("path parameter " + name + " is not declared");
            else out.addAll(check(pointerOf(p, "schema"), Json.mapper().getNodeFactory().textNode(actual[i]), "path " + name));
        }
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        for (Map.Entry<String, String> q : query.entrySet()) {
            JsonNode p = param(params, "query", q.getKey());
            if (p == null) out.add("query parameter " + q.getKey() + " is not declared");
            else out.addAll(check(pointerOf(p, "schema"), Json.mapper().getNodeFactory().textNode(q.getValue()), "query " + q.getKey()));
        }
        for (JsonNode p : params) {
            if (p.path("required").asBoolean() && "query".equals(p.path("in").asText()) && !query.containsKey(p.get("name").asText())) {
                out.add("required query parameter " + p.get("name").asText() + " is missing");
            }
        }
        String body = body(event.getBody(), event.getIsBase64Encoded());
        JsonNode rb = op.node().has("requestBody") ? resolve(op.node().get("requestBody")) : null;
        if (body.isBlank()) {
            if (rb != null && rb.path("required").asBoolean()) out.add("the request body is required");
        } else if (rb == null) {
            out.add("a body is sent but the operation declares none");
        } else {
            String pointer = "/paths/" + esc(op.template()) + "/" + op.method().toLowerCase(Locale.ROOT)
                    + "/requestBody/content/application~1json/schema";
            if (op.node().get("requestBody").has("$ref")) throw new IllegalStateException("requestBody $ref not supported");
            out.addAll(check(pointer, parse(body), "request body"));
        }
        return out;
    }

    /**
     * What in {@code r} the document does not allow for the request {@code event}. A request no operation
     * serves must have been answered as the catch-all route answers it: 404 or 405 in the error shape.
     */
    static List<String> responseProblems(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse r) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() != null ? event.getRawPath() : event.getRequestContext().getHttp().getPath();
        Optional<Operation> found = path == null ? Optional.empty() : find(method, path);
        String status = Integer.toString(r.getStatusCode());
        if (found.isEmpty()) {
            List<String> out = new ArrayList<>();
            if (r.getStatusCode() != 404 && r.getStatusCode() != 405 && r.getStatusCode() != 401 && r.getStatusCode() != 400) {
                out.add("status " + status + " for unrouted " + method + " " + path);
            }
            out.addAll(check("/components/schemas/Error", parse(r.getBody()), "unrouted response"));
            return out;
        }
        Operation op = found.get();
        String base = "/paths/" + esc(op.template()) + "/" + op.method().toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = op.node().path("responses").get(status);
        if (response == null) return List.of(op.key() + " does not document status " + status + ": " + r.getBody());
        if (response.has("$ref")) {
            base = response.get("$ref").asText().substring(1);
            response = resolve(response);
        }
        JsonNode content = response.get("content");
        String body = body(r.getBody(), r.getIsBase64Encoded());
        if (content == null) {
            return body.isEmpty() ? List.of() : List.of(op.key() + " " + status + " documents no body, got " + body);
        }
        String type = r.getHeaders() == null ? null : r.getHeaders().get("content-type");
        String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(media)) return List.of(op.key() + " " + status + " documents no " + media + " body");
        if (!media.equals("application/json")) return List.of();
        return check(base + "/content/" + esc(media) + "/schema", parse(body), op.key() + " " + status);
    }

    /** Fails with every difference between the document and this exchange. */
    static void assertConforms(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse r) {
        List<String> problems = responseProblems(event, r);
        if (!problems.isEmpty()) throw new AssertionError("response differs from api/openapi.yaml: " + problems);
    }

    // ---- schemas

    /** The violations of the schema at {@code pointer} (in the document) by {@code value}. */
    static List<String> check(String pointer, JsonNode value, String what) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(pointer, OpenApiContract::compile);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(value)) out.add(what + ": " + m.getMessage());
        return out;
    }

    /**
     * The document itself, given a base URI (so its relative $refs reach schemas/*.json) and a root $ref to
     * the schema wanted: OpenAPI 3.1 schemas are JSON Schema 2020-12, the rest of the document is ignored.
     */
    private static JsonSchema compile(String pointer) {
        ObjectNode root = DOC.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", FILE.toUri().toString());
        root.put("$ref", "#" + pointer);
        return FACTORY.getSchema(root, SchemaValidatorsConfig.builder().failFast(false).build());
    }

    private static void collect(JsonNode list, String at, List<JsonNode> out) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            if (p.has("$ref")) {
                out.add(resolve(p));
            } else {
                out.add(((ObjectNode) p.deepCopy()).put("__pointer", at + i));
            }
        }
    }

    private static String pointerOf(JsonNode param, String field) {
        String ref = param.path("__pointer").asText();
        return ref + "/" + field;
    }

    private static JsonNode param(List<JsonNode> params, String in, String name) {
        for (JsonNode p : params) if (in.equals(p.path("in").asText()) && name.equalsIgnoreCase(p.path("name").asText())) return p;
        return null;
    }

    /** A node, following a local $ref; parameters remember where they are (for their schema's pointer). */
    static JsonNode resolve(JsonNode n) {
        if (n == null || !n.has("$ref")) return n;
        String ref = n.get("$ref").asText();
        if (!ref.startsWith("#/")) throw new IllegalStateException("only local $refs here: " + ref);
        ObjectNode target = ((ObjectNode) DOC.at(ref.substring(1))).deepCopy();
        target.put("__pointer", ref.substring(1));
        return target;
    }

    // ---- plumbing

    static String esc(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String body(String body, boolean base64) {
        if (body == null) return "";
        return base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body == null ? "" : body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }

    static Path projectFile(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(relative);
            if (Files.exists(p)) return p;
        }
        throw new IllegalStateException("no " + relative + " above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode read(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
