package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (2020-12) read as a yes, a no or "cannot tell" for one document, compiled from the same schema
 * document the JSON Schema checker (networknt) uses, for the streamed parse of big workflows: networknt spends ~8 µs
 * and ~3 KB of garbage on each valid step, this a fraction of that (docs/PERFORMANCE.md, "Fifth round").
 *
 * <p>Sound, not complete: {@link Verdict#VALID} and {@link Verdict#INVALID} are given only where the answer is exactly
 * the schema's (so they stay exact under {@code not} and {@code if}); anything this class does not read exactly (a
 * number compared with a number, text with characters outside the Basic Multilingual Plane) is
 * {@link Verdict#UNKNOWN}, and the caller asks networknt. A schema using a keyword not handled here does not compile
 * ({@link #compile} returns null). networknt stays the authority for every message a user reads.
 */
public final class QuickSchema {
    public enum Verdict {
        VALID, INVALID, UNKNOWN;

        static Verdict of(boolean valid) {
            return valid ? VALID : INVALID;
        }

        Verdict and(Verdict other) {
            if (this == INVALID || other == INVALID) return INVALID;
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
        }

        Verdict or(Verdict other) {
            if (this == VALID || other == VALID) return VALID;
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : INVALID;
        }

        Verdict not() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNKNOWN;
        }
    }

    @FunctionalInterface
    private interface Rule {
        Verdict test(JsonNode n);
    }

    /** Keywords that only annotate. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title", "description",
            "examples", "default", "deprecated", "readOnly", "writeOnly");

    private static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final JsonNode document;
    /** Compiled {@code $ref} targets by pointer; a slot is filled after its schema compiles, so a recursive one works. */
    private final Map<String, Rule[]> refs = new HashMap<>();
    private final Rule root;

    private QuickSchema(JsonNode document) {
        this.document = document;
        this.root = rule(document);
    }

    /** The compiled schema, or null when it uses a keyword (or a form of one) not read here. */
    public static QuickSchema compile(JsonNode document) {
        try {
            return new QuickSchema(document);
        } catch (Unsupported e) {
            return null;
        }
    }

    public Verdict test(JsonNode instance) {
        return root.test(instance);
    }

    private Rule rule(JsonNode schema) {
        if (schema.isBoolean()) {
            Verdict v = Verdict.of(schema.booleanValue());
            return n -> v;
        }
        if (!schema.isObject()) throw new Unsupported("schema " + schema);
        List<Rule> rules = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            if (ANNOTATIONS.contains(k) || k.equals("then") || k.equals("else") || k.equals("additionalProperties")) continue;
            rules.add(switch (k) {
                case "type" -> type(v);
                case "required" -> required(v);
                case "properties" -> properties(v, schema.get("additionalProperties"));
                case "enum" -> oneOfValues(v);
                case "const" -> oneOfValues(JsonNodeFactory.instance.arrayNode().add(v));
                case "minLength" -> length(count(v), true);
                case "maxLength" -> length(count(v), false);
                case "pattern" -> pattern(v);
                case "minimum" -> bound(v, true);
                case "maximum" -> bound(v, false);
                case "items" -> items(rule(v));
                case "minItems" -> size(JsonNode::isArray, count(v), true);
                case "maxItems" -> size(JsonNode::isArray, count(v), false);
                case "minProperties" -> size(JsonNode::isObject, count(v), true);
                case "maxProperties" -> size(JsonNode::isObject, count(v), false);
                case "uniqueItems" -> unique(v);
                case "propertyNames" -> propertyNames(rule(v));
                case "allOf" -> all(each(v));
                case "anyOf" -> any(each(v));
                case "not" -> not(rule(v));
                case "if" -> conditional(rule(v), schema.has("then") ? rule(schema.get("then")) : null,
                        schema.has("else") ? rule(schema.get("else")) : null);
                case "$ref" -> ref(v);
                default -> throw new Unsupported(k);
            });
        }
        // additionalProperties alone (no properties beside it): every field is additional.
        if (schema.has("additionalProperties") && !schema.has("properties")) {
            rules.add(properties(JsonNodeFactory.instance.objectNode(), schema.get("additionalProperties")));
        }
        return all(rules);
    }

    private List<Rule> each(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) throw new Unsupported("subschema list " + array);
        List<Rule> out = new ArrayList<>();
        for (JsonNode s : array) out.add(rule(s));
        return out;
    }

    private static Rule all(List<Rule> rules) {
        Rule[] r = rules.toArray(Rule[]::new);
        if (r.length == 1) return r[0];
        return n -> {
            Verdict v = Verdict.VALID;
            for (Rule rule : r) {
                v = v.and(rule.test(n));
                if (v == Verdict.INVALID) return v;
            }
            return v;
        };
    }

    private static Rule any(List<Rule> rules) {
        Rule[] r = rules.toArray(Rule[]::new);
        return n -> {
            Verdict v = Verdict.INVALID;
            for (Rule rule : r) {
                v = v.or(rule.test(n));
                if (v == Verdict.VALID) return v;
            }
            return v;
        };
    }

    private static Rule not(Rule r) {
        return n -> r.test(n).not();
    }

    private static Rule conditional(Rule when, Rule then, Rule otherwise) {
        return n -> switch (when.test(n)) {
            case VALID -> then == null ? Verdict.VALID : then.test(n);
            case INVALID -> otherwise == null ? Verdict.VALID : otherwise.test(n);
            case UNKNOWN -> Verdict.UNKNOWN;
        };
    }

    private Rule ref(JsonNode v) {
        if (!v.isTextual() || !v.asText().startsWith("#")) throw new Unsupported("$ref " + v);
        String pointer = v.asText().substring(1);
        Rule[] slot = refs.get(pointer);
        if (slot == null) {
            JsonNode target = document.at(pointer);
            if (target.isMissingNode()) throw new Unsupported("$ref " + v);
            slot = new Rule[1];
            refs.put(pointer, slot);
            slot[0] = rule(target);
        }
        Rule[] s = slot;
        return n -> s[0].test(n);
    }

    private static Rule type(JsonNode v) {
        List<String> types = new ArrayList<>();
        if (v.isTextual()) types.add(v.asText());
        else if (v.isArray()) v.forEach(t -> types.add(t.asText()));
        else throw new Unsupported("type " + v);
        for (String t : types) {
            if (!Set.of("string", "object", "array", "boolean", "null", "number", "integer").contains(t)) throw new Unsupported("type " + t);
        }
        String[] ts = types.toArray(String[]::new);
        return n -> {
            Verdict out = Verdict.INVALID;
            for (String t : ts) out = out.or(typeOf(t, n));
            return out;
        };
    }

    private static Verdict typeOf(String t, JsonNode n) {
        return switch (t) {
            case "string" -> Verdict.of(n.isTextual());
            case "object" -> Verdict.of(n.isObject());
            case "array" -> Verdict.of(n.isArray());
            case "boolean" -> Verdict.of(n.isBoolean());
            case "null" -> Verdict.of(n.isNull());
            case "number" -> Verdict.of(n.isNumber());
            // 2.0 is an integer to JSON Schema; whether the checker reads it so is its own to say.
            default -> n.isIntegralNumber() ? Verdict.VALID : n.isNumber() ? Verdict.UNKNOWN : Verdict.INVALID;
        };
    }

    private static Rule required(JsonNode v) {
        if (!v.isArray()) throw new Unsupported("required " + v);
        String[] names = new String[v.size()];
        for (int i = 0; i < names.length; i++) names[i] = v.get(i).asText();
        return n -> {
            if (!n.isObject()) return Verdict.VALID;
            for (String name : names) if (!n.has(name)) return Verdict.INVALID;
            return Verdict.VALID;
        };
    }

    /** properties and additionalProperties together: a field is checked by its property's schema or, if none, the other. */
    private Rule properties(JsonNode v, JsonNode additional) {
        if (!v.isObject()) throw new Unsupported("properties " + v);
        Map<String, Rule> named = new HashMap<>();
        v.fields().forEachRemaining(e -> named.put(e.getKey(), rule(e.getValue())));
        Rule rest = additional == null ? null : rule(additional);
        return n -> {
            if (!n.isObject()) return Verdict.VALID;
            Verdict out = Verdict.VALID;
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Rule r = named.get(f.getKey());
                if (r == null) r = rest;
                if (r == null) continue;
                out = out.and(r.test(f.getValue()));
                if (out == Verdict.INVALID) return out;
            }
            return out;
        };
    }

    /** enum and const: exact for text, booleans and null; a number or a container is the checker's to compare. */
    private static Rule oneOfValues(JsonNode values) {
        if (!values.isArray()) throw new Unsupported("enum " + values);
        List<JsonNode> vs = new ArrayList<>();
        values.forEach(vs::add);
        return n -> {
            if (n.isNumber() || n.isContainerNode()) return Verdict.UNKNOWN;
            for (JsonNode v : vs) if (v.equals(n)) return Verdict.VALID;
            return Verdict.INVALID;
        };
    }

    private static int count(JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) throw new Unsupported("count " + v);
        return v.intValue();
    }

    /** Lengths in code points; text with surrogate pairs is the checker's to count. */
    private static Rule length(int limit, boolean min) {
        return n -> {
            if (!n.isTextual()) return Verdict.VALID;
            String s = n.textValue();
            for (int i = 0; i < s.length(); i++) if (Character.isSurrogate(s.charAt(i))) return Verdict.UNKNOWN;
            return Verdict.of(min ? s.length() >= limit : s.length() <= limit);
        };
    }

    private static Rule pattern(JsonNode v) {
        if (!v.isTextual()) throw new Unsupported("pattern " + v);
        Pattern p = Pattern.compile(v.asText());
        return n -> n.isTextual() ? Verdict.of(p.matcher(n.textValue()).find()) : Verdict.VALID;
    }

    /** Whole-number bounds on whole numbers that fit a long; any other comparison is the checker's. */
    private static Rule bound(JsonNode v, boolean min) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new Unsupported("bound " + v);
        long limit = v.longValue();
        return n -> {
            if (!n.isNumber()) return Verdict.VALID;
            if (!n.isIntegralNumber() || !n.canConvertToLong()) return Verdict.UNKNOWN;
            return Verdict.of(min ? n.longValue() >= limit : n.longValue() <= limit);
        };
    }

    private static Rule items(Rule each) {
        return n -> {
            if (!n.isArray()) return Verdict.VALID;
            Verdict out = Verdict.VALID;
            for (JsonNode e : n) {
                out = out.and(each.test(e));
                if (out == Verdict.INVALID) return out;
            }
            return out;
        };
    }

    private static Rule size(java.util.function.Predicate<JsonNode> applies, int limit, boolean min) {
        return n -> applies.test(n) ? Verdict.of(min ? n.size() >= limit : n.size() <= limit) : Verdict.VALID;
    }

    /** Distinct items, compared exactly when they are all text; otherwise the checker's to compare. */
    private static Rule unique(JsonNode v) {
        if (!v.isBoolean()) throw new Unsupported("uniqueItems " + v);
        if (!v.booleanValue()) return n -> Verdict.VALID;
        return n -> {
            if (!n.isArray()) return Verdict.VALID;
            Set<String> seen = new HashSet<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) return Verdict.UNKNOWN;
                if (!seen.add(e.textValue())) return Verdict.INVALID;
            }
            return Verdict.VALID;
        };
    }

    private static Rule propertyNames(Rule names) {
        return n -> {
            if (!n.isObject()) return Verdict.VALID;
            Verdict out = Verdict.VALID;
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                out = out.and(names.test(TextNode.valueOf(it.next())));
                if (out == Verdict.INVALID) return out;
            }
            return out;
        };
    }
}
