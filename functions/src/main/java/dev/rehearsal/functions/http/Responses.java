package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.engine.json.Problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON responses, and the one error shape: {"error":{"code","message","problems":[...]}}. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        // a tree is written without the mapper (the same text): error bodies stay off data binding
        return jsonText(status, body == null ? "" : body instanceof JsonNode n ? JsonTrees.write(n) : Json.write(body),
                extraHeaders);
    }

    /** A body already written as JSON (e.g. by a codec of dev.rehearsal.engine.codec). */
    public static APIGatewayV2HTTPResponse jsonText(int status, String json) {
        return jsonText(status, json, Map.of());
    }

    private static APIGatewayV2HTTPResponse jsonText(int status, String json, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(json).withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).withBody("")
                .withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message, List<Problem> problems,
                                                 String requestId) {
        return error(status, code, message, problems, requestId, Map.of());
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message, List<Problem> problems,
                                                 String requestId, Map<String, String> headers) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode err = root.putObject("error");
        err.put("code", code);
        err.put("message", message);
        if (requestId != null) err.put("request_id", requestId);
        if (problems != null && !problems.isEmpty()) {
            ArrayNode arr = err.putArray("problems");
            for (Problem p : problems) {
                ObjectNode o = arr.addObject();
                o.put("pointer", p.pointer() == null ? "" : p.pointer());
                if (p.line() > 0) {
                    o.put("line", p.line());
                    o.put("column", p.column());
                }
                if (p.code() != null) o.put("code", p.code());
                o.put("message", p.message());
            }
        }
        return json(status, root, headers);
    }

    public static APIGatewayV2HTTPResponse error(ApiException e, String requestId) {
        return error(e.status(), e.code(), e.getMessage(), e.problems(), requestId, e.headers());
    }
}
