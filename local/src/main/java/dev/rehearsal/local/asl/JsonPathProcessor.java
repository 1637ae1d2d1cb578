package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath input/output processing: paths ($, $$ context, $variable), Reference Paths for ResultPath,
 * and payload templates (Parameters, ResultSelector, ItemSelector, Assign).
 */
public final class JsonPathProcessor {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);

    private JsonPathProcessor() {}

    /** Where paths look things up besides the input: the context object and the variables in scope. */
    public interface Env {
        JsonNode contextObject();
        JsonNode variable(String name);
    }

    /** A path found nothing; callers turn this into the message AWS uses for their field. */
    public static final class NoResult extends RuntimeException {
        final String detail;
        NoResult(String detail) {
            super(detail, null, false, false);
            this.detail = detail;
        }
    }

    /** Evaluates a Path against the input, the context object ($$) or a variable ($name). */
    public static JsonNode read(String path, JsonNode input, Env env) {
        if (path.startsWith("$$")) return evaluate("$" + path.substring(2), env.contextObject());
        Matcher m = VARIABLE.matcher(path);
        if (m.matches()) {
            JsonNode value = env.variable(m.group(1));
            if (value == null) throw new NoResult("Undefined variable: $" + m.group(1));
            return m.group(2).isEmpty() ? value : evaluate("$" + m.group(2), value);
        }
        return evaluate(path, input);
    }

    public static boolean isPresent(String path, JsonNode input, Env env) {
        try {
            JsonNode n = read(path, input, env);
            return !(n.isArray() && n.isEmpty() && isIndefinite(path) );
        } catch (NoResult e) {
            return false;
        }
    }

    private static boolean isIndefinite(String path) {
        return !compile(path).isDefinite();
    }

    private static JsonNode evaluate(String path, JsonNode doc) {
        if (path.equals("$")) return doc;
        List<Object> simple = SIMPLE.computeIfAbsent(path, JsonPathProcessor::simpleSteps);
        if (simple != NOT_SIMPLE) return walk(path, simple, doc);
        JsonPath compiled = compile(path);
        try {
            Object r = compiled.read(doc == null ? NullNode.getInstance() : doc, CONFIG);
            return Json.fromJava(r);
        } catch (PathNotFoundException e) {
            // An indefinite path (wildcard, slice, filter) that matches nothing selects an empty list.
            if (!compiled.isDefinite()) return Json.array();
            String msg = e.getMessage();
            throw new NoResult(msg == null ? "No results for path: " + path : msg);
        }
    }

    private static final List<Object> NOT_SIMPLE = List.of();
    private static final Map<String, List<Object>> SIMPLE = new ConcurrentHashMap<>();

    /** Plain field/index steps are walked directly: faster, and bracketed names are taken literally as AWS does. */
    private static List<Object> simpleSteps(String path) {
        if (!path.startsWith("$") || path.contains("..") || path.contains("*") || path.contains("?")
                || path.contains("@")) return NOT_SIMPLE;
        try {
            List<Object> steps = referenceSteps(path);
            for (Object o : steps) if (o instanceof String str && (str.isEmpty() || str.contains("'") && !path.contains("['"))) return NOT_SIMPLE;
            return steps;
        } catch (StateFailure e) {
            return NOT_SIMPLE;
        }
    }

    private static JsonNode walk(String path, List<Object> steps, JsonNode doc) {
        JsonNode cur = doc;
        StringBuilder where = new StringBuilder("$");
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            JsonNode next = null;
            if (step instanceof String key) {
                where.append("['").append(key).append("']");
                if (cur != null && cur.isObject()) next = cur.get(key);
            } else {
                int idx = (Integer) step;
                where.append('[').append(idx).append(']');
                if (cur != null && cur.isArray()) next = cur.get(idx < 0 ? cur.size() + idx : idx);
            }
            if (next == null) {
                // Jayway's wording, which AWS passes through: a missing leaf vs a missing intermediate property.
                throw new NoResult(i == steps.size() - 1 ? "No results for path: " + where : "Missing property in path " + where);
            }
            cur = next;
        }
        return cur;
    }

    private static JsonPath compile(String path) {
        JsonPath p = COMPILED.get(path);
        if (p == null) {
            try {
                p = JsonPath.compile(path);
            } catch (InvalidPathException e) {
                throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "': " + e.getMessage());
            }
            COMPILED.put(path, p);
        }
        return p;
    }

    /** InputPath/OutputPath: null keeps {}, a miss is a States.Runtime failure. */
    public static JsonNode select(JsonNode pathNode, boolean present, JsonNode input, Env env) {
        if (!present) return input;
        if (pathNode == null || pathNode.isNull()) return Json.object();
        String path = pathNode.asText();
        try {
            return read(path, input, env);
        } catch (NoResult e) {
            throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + e.detail);
        }
    }

    /** ResultPath: null discards the result, $ replaces the input, otherwise the result is set inside a copy. */
    public static JsonNode applyResultPath(JsonNode resultPath, boolean present, JsonNode rawInput, JsonNode result) {
        if (!present) return result;
        if (resultPath == null || resultPath.isNull()) return rawInput;
        String path = resultPath.asText();
        if (path.equals("$")) return result;
        List<Object> steps = referenceSteps(path);
        JsonNode root = rawInput == null ? Json.object() : rawInput.deepCopy();
        if (!root.isContainerNode()) {
            throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "' : Missing property in path $['"
                    + steps.get(0) + "']");
        }
        JsonNode cur = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String key) {
                if (!cur.isObject()) throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path
                        + "' : Missing property in path $['" + key + "']");
                ObjectNode o = (ObjectNode) cur;
                if (last) {
                    o.set(key, result);
                } else {
                    JsonNode child = o.get(key);
                    if (child == null || !child.isContainerNode()) {
                        child = steps.get(i + 1) instanceof Integer ? Json.array() : Json.object();
                        o.set(key, child);
                    }
                    cur = child;
                }
            } else {
                int idx = (Integer) step;
                if (!cur.isArray() || idx >= cur.size()) throw new StateFailure(ErrorNames.RUNTIME,
                        "Invalid path '" + path + "' : index " + idx + " out of range");
                ArrayNode a = (ArrayNode) cur;
                if (last) a.set(idx, result);
                else cur = a.get(idx);
            }
        }
        return root;
    }

    /** Splits a Reference Path ($.a.b, $['a'], $.a[0]) into keys and indexes. */
    static List<Object> referenceSteps(String path) {
        if (!path.startsWith("$")) throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "'");
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') j++;
                steps.add(path.substring(i + 1, j));
                i = j;
            } else if (c == '[') {
                int close;
                if (i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                    char q = path.charAt(i + 1);
                    int endQuote = path.indexOf(q, i + 2);
                    if (endQuote < 0) throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "'");
                    steps.add(path.substring(i + 2, endQuote));
                    close = path.indexOf(']', endQuote);
                } else {
                    close = path.indexOf(']', i);
                    if (close < 0) throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "'");
                    try {
                        steps.add(Integer.parseInt(path.substring(i + 1, close).trim()));
                    } catch (NumberFormatException e) {
                        throw new StateFailure(ErrorNames.RUNTIME, "Invalid Reference Path '" + path + "'");
                    }
                }
                i = close + 1;
            } else {
                throw new StateFailure(ErrorNames.RUNTIME, "Invalid Reference Path '" + path + "'");
            }
        }
        return steps;
    }

    /**
     * Payload template: keys ending in ".$" take a path or an intrinsic function, others are copied;
     * nested objects and arrays are processed too.
     */
    public static JsonNode applyTemplate(JsonNode template, JsonNode input, Env env) {
        if (template.isObject()) {
            ObjectNode out = Json.object();
            for (var it = template.fields(); it.hasNext(); ) {
                var e = it.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (key.endsWith(".$") && v.isTextual()) {
                    out.set(key.substring(0, key.length() - 2), evaluateValue(key, v.textValue(), input, env));
                } else {
                    out.set(key, applyTemplate(v, input, env));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            template.forEach(n -> out.add(applyTemplate(n, input, env)));
            return out;
        }
        return template;
    }

    /** The value of one "key.$" field: an intrinsic function call or a path. */
    public static JsonNode evaluateValue(String field, String expression, JsonNode input, Env env) {
        if (expression.startsWith("States.")) return IntrinsicFunctions.evaluate(expression, input, env);
        try {
            return read(expression, input, env);
        } catch (NoResult e) {
            JsonNode where = expression.startsWith("$$") ? env.contextObject() : input;
            throw new StateFailure(ErrorNames.RUNTIME, "The JSONPath '" + expression + "' specified for the field '"
                    + field + "' could not be found in the input '" + Json.write(where) + "'");
        }
    }
}
