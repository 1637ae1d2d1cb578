package dev.rehearsal.local.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates "{% ... %}" JSONata templates with $states and the workflow variables bound. */
public final class JsonataEvaluator {
    // Compiled expressions keep evaluation state, so each thread gets its own.
    private static final ThreadLocal<Map<String, Jsonata>> CACHE = ThreadLocal.withInitial(HashMap::new);

    private JsonataEvaluator() {}

    /** What an expression can see: $states.input/.context/.result/.errorOutput and the variables. */
    public record Bindings(JsonNode input, JsonNode context, JsonNode result, JsonNode errorOutput,
                           Map<String, JsonNode> variables) {
        public Bindings withResult(JsonNode r) { return new Bindings(input, context, r, errorOutput, variables); }
        public Bindings withErrorOutput(JsonNode e) { return new Bindings(input, context, result, e, variables); }
    }

    public static boolean isExpression(JsonNode n) {
        return n != null && n.isTextual() && isExpression(n.textValue());
    }

    /** Only a string that starts with "{%" and ends with "%}" is an expression; padded ones are literals. */
    static boolean isExpression(String s) {
        return s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4;
    }

    static String body(String s) {
        return s.substring(2, s.length() - 2).trim();
    }

    /** Evaluates every "{% %}" string inside a template; field names the template for error messages. */
    public static JsonNode evaluateTemplate(JsonNode template, String field, Bindings b) {
        if (template == null) return null;
        if (template.isTextual() && isExpression(template.textValue())) {
            return evaluate(body(template.textValue()), field, b);
        }
        if (template.isObject()) {
            ObjectNode out = Json.object();
            template.fields().forEachRemaining(e ->
                    out.set(e.getKey(), evaluateTemplate(e.getValue(), field + "/" + e.getKey(), b)));
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            for (int i = 0; i < template.size(); i++) out.add(evaluateTemplate(template.get(i), field + "[" + i + "]", b));
            return out;
        }
        return template;
    }

    /** One expression; undefined results and functions are QueryEvaluationErrors, as in AWS. */
    public static JsonNode evaluate(String expression, String field, Bindings b) {
        Object raw = evaluateRaw(expression, field, b);
        if (raw == null) throw queryError("The JSONata expression '" + expression + "' specified for the field '"
                + field + "' returned nothing (undefined).");
        if (!isJsonValue(raw)) throw queryError("The JSONata expression '" + expression + "' specified for the field '"
                + field + "' returned an unsupported result type.");
        return toJson(raw);
    }

    /** Returns null when the expression evaluates to undefined. */
    static Object evaluateRaw(String expression, String field, Bindings b) {
        Jsonata expr;
        try {
            expr = CACHE.get().computeIfAbsent(expression, Jsonata::jsonata);
        } catch (JException e) {
            throw queryError("The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' is invalid: " + e.getMessage());
        }
        try {
            expr.setOutputConvertNulls(false);
            Jsonata.Frame frame = expr.createFrame();
            Map<String, Object> states = new LinkedHashMap<>();
            states.put("input", toJava(b.input()));
            states.put("context", toJava(b.context()));
            if (b.result() != null) states.put("result", toJava(b.result()));
            if (b.errorOutput() != null) states.put("errorOutput", toJava(b.errorOutput()));
            frame.bind("states", (Object) states);
            JsonataFunctions.bindAll(frame);
            if (b.variables() != null) b.variables().forEach((k, v) -> frame.bind(k, toJava(v)));
            return expr.evaluate(toJava(b.input()), frame);
        } catch (JException e) {
            throw queryError("An error occurred while evaluating the JSONata expression '" + expression
                    + "' specified for the field '" + field + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw queryError("An error occurred while evaluating the JSONata expression '" + expression
                    + "' specified for the field '" + field + "': " + e);
        }
    }

    static StateFailure queryError(String message) {
        return new StateFailure(ErrorNames.QUERY_EVALUATION_ERROR, message);
    }

    /** JSON null must become the library's NULL_VALUE, because Java null means undefined to it. */
    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return Jsonata.NULL_VALUE;
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new java.util.ArrayList<>(n.size());
            n.forEach(x -> l.add(toJava(x)));
            return l;
        }
        return Json.toJava(n);
    }

    private static boolean isJsonValue(Object o) {
        if (o == null || o == Jsonata.NULL_VALUE) return true;
        if (o instanceof Map<?, ?> m) {
            for (Object v : m.values()) if (v != null && !isJsonValue(v)) return false;
            return true;
        }
        if (o instanceof List<?> l) {
            for (Object v : l) if (v != null && !isJsonValue(v)) return false;
            return true;
        }
        return o instanceof String || o instanceof Number || o instanceof Boolean;
    }

    static JsonNode toJson(Object o) {
        if (o == null || o == Jsonata.NULL_VALUE) return NullNode.getInstance();
        if (o instanceof Map<?, ?> m) {
            ObjectNode out = Json.object();
            // Undefined members vanish from objects in JSONata.
            m.forEach((k, v) -> { if (v != null) out.set(String.valueOf(k), toJson(v)); });
            return out;
        }
        if (o instanceof List<?> l) {
            ArrayNode out = Json.array();
            for (Object v : l) if (v != null) out.add(toJson(v));
            return out;
        }
        return Json.fromJava(o);
    }
}
