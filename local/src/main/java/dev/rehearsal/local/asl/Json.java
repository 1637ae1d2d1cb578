package dev.rehearsal.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Shared Jackson plumbing and the JSON comparisons ASL needs (numbers compare by value). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node == null ? NullNode.getInstance() : node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int sizeInBytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    public static JsonNode text(String s) { return NODES.textNode(s); }

    public static JsonNode nullToJsonNull(JsonNode n) { return n == null || n.isMissingNode() ? NullNode.getInstance() : n; }

    /** Structural equality where 1 equals 1.0 and object key order does not matter. */
    public static boolean equalsByValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.getNodeType() != b.getNodeType()) return false;
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!equalsByValue(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !equalsByValue(e.getValue(), b.get(e.getKey()))) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    /** Jackson tree to the plain Java values the JSONata library works on. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (node.isArray()) {
            java.util.List<Object> l = new java.util.ArrayList<>(node.size());
            node.forEach(n -> l.add(toJava(n)));
            return l;
        }
        if (node.isTextual()) return node.textValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        if (node.isNumber()) return node.doubleValue();
        return MAPPER.convertValue(node, Object.class);
    }

    /** Plain Java value back to a Jackson tree; integral doubles become integers as AWS prints them. */
    public static JsonNode fromJava(Object value) {
        if (value == null) return NullNode.getInstance();
        if (value instanceof JsonNode) return (JsonNode) value;
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = object();
            m.forEach((k, v) -> o.set(String.valueOf(k), fromJava(v)));
            return o;
        }
        if (value instanceof Iterable<?> it) {
            ArrayNode a = array();
            it.forEach(v -> a.add(fromJava(v)));
            return a;
        }
        if (value instanceof Double d) return number(d);
        if (value instanceof Float f) return number(f.doubleValue());
        if (value instanceof BigDecimal bd) return NODES.numberNode(bd);
        if (value instanceof Number n) return NODES.numberNode(n.longValue());
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        return MAPPER.valueToTree(value);
    }

    public static JsonNode number(double d) {
        if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) return NODES.numberNode((long) d);
        return NODES.numberNode(d);
    }

    /** The type name AWS uses in messages. */
    public static String typeName(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isObject()) return "object";
        if (n.isArray()) return "array";
        if (n.isTextual()) return "string";
        if (n.isBoolean()) return "boolean";
        if (n.isNumber()) return "number";
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
