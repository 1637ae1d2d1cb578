package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The JSONPath intrinsic functions (States.Format, States.Array, ...): a small parser plus one method per function. */
public final class IntrinsicFunctions {
    private IntrinsicFunctions() {}

    public static JsonNode evaluate(String expression, JsonNode input, JsonPathProcessor.Env env) {
        Parser p = new Parser(expression, input, env);
        JsonNode result = p.call();
        p.skipSpaces();
        if (!p.atEnd()) throw failure("Unexpected text after intrinsic function in '" + expression + "'");
        return result;
    }

    static StateFailure failure(String message) {
        return new StateFailure(ErrorNames.RUNTIME, message);
    }

    /** Recursive-descent parser that evaluates arguments as it reads them. */
    private static final class Parser {
        private final String s;
        private final JsonNode input;
        private final JsonPathProcessor.Env env;
        private int i;

        Parser(String s, JsonNode input, JsonPathProcessor.Env env) {
            this.s = s;
            this.input = input;
            this.env = env;
        }

        boolean atEnd() { return i >= s.length(); }

        void skipSpaces() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        JsonNode call() {
            skipSpaces();
            int open = s.indexOf('(', i);
            if (open < 0) throw failure("Invalid intrinsic function '" + s + "'");
            String name = s.substring(i, open).trim();
            i = open + 1;
            List<JsonNode> args = new ArrayList<>();
            skipSpaces();
            if (i < s.length() && s.charAt(i) == ')') {
                i++;
            } else {
                while (true) {
                    args.add(argument());
                    skipSpaces();
                    if (i >= s.length()) throw failure("Unterminated intrinsic function '" + s + "'");
                    char c = s.charAt(i++);
                    if (c == ')') break;
                    if (c != ',') throw failure("Expected ',' or ')' in '" + s + "'");
                }
            }
            return apply(name, args);
        }

        JsonNode argument() {
            skipSpaces();
            char c = s.charAt(i);
            if (c == '\'') return string();
            if (c == '$') return path();
            if (s.startsWith("States.", i)) return call();
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ')') i++;
            String tok = s.substring(start, i).trim();
            switch (tok) {
                case "true": return Json.NODES.booleanNode(true);
                case "false": return Json.NODES.booleanNode(false);
                case "null": return NullNode.getInstance();
                default:
                    try {
                        return Json.parse(tok).isNumber() ? Json.parse(tok) : bad(tok);
                    } catch (IllegalArgumentException e) {
                        return bad(tok);
                    }
            }
        }

        private JsonNode bad(String tok) { throw failure("Invalid argument '" + tok + "' in '" + s + "'"); }

        JsonNode string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char n = s.charAt(i++);
                    // Keep the escape for braces so States.Format can tell literal braces from placeholders.
                    if (n == '{' || n == '}') sb.append('\\');
                    sb.append(n);
                } else if (c == '\'') {
                    return Json.text(sb.toString());
                } else {
                    sb.append(c);
                }
            }
            throw failure("Unterminated string in '" + s + "'");
        }

        JsonNode path() {
            int start = i;
            int depth = 0;
            char quote = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) quote = 0;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) break;
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                i++;
            }
            String path = s.substring(start, i).trim();
            try {
                return JsonPathProcessor.read(path, input, env);
            } catch (JsonPathProcessor.NoResult e) {
                throw failure("The JsonPath '" + path + "' could not be found in the input '" + Json.write(input) + "'");
            }
        }
    }

    static JsonNode apply(String name, List<JsonNode> a) {
        switch (name) {
            case "States.Format": return format(a);
            case "States.StringToJson": {
                arity(name, a, 1);
                String t = str(name, a.get(0)).trim();
                if (t.isEmpty()) return NullNode.getInstance();
                try {
                    return Json.parse(t);
                } catch (IllegalArgumentException e) {
                    throw failure("Invalid JSON string for States.StringToJson: " + t);
                }
            }
            case "States.JsonToString": arity(name, a, 1); return Json.text(Json.write(a.get(0)));
            case "States.Array": {
                ArrayNode out = Json.array();
                a.forEach(out::add);
                return out;
            }
            case "States.ArrayPartition": {
                arity(name, a, 2);
                JsonNode arr = arr(name, a.get(0));
                int size = integer(name, a.get(1));
                if (size <= 0) throw failure("States.ArrayPartition chunk size must be positive, was " + size);
                ArrayNode out = Json.array();
                ArrayNode chunk = null;
                for (int k = 0; k < arr.size(); k++) {
                    if (k % size == 0) chunk = out.addArray();
                    chunk.add(arr.get(k));
                }
                return out;
            }
            case "States.ArrayContains": {
                arity(name, a, 2);
                for (JsonNode n : arr(name, a.get(0))) if (Json.equalsByValue(n, a.get(1))) return Json.NODES.booleanNode(true);
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                arity(name, a, 3);
                int start = integer(name, a.get(0)), end = integer(name, a.get(1)), step = integer(name, a.get(2));
                if (step == 0) throw failure("States.ArrayRange step cannot be 0");
                ArrayNode out = Json.array();
                for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                    out.add(v);
                    if (out.size() > 1000) throw failure("States.ArrayRange result exceeds 1000 items");
                }
                return out;
            }
            case "States.ArrayGetItem": {
                arity(name, a, 2);
                JsonNode arr = arr(name, a.get(0));
                int idx = integer(name, a.get(1));
                if (idx < 0 || idx >= arr.size()) throw failure("Index " + idx + " out of bounds for array of size " + arr.size());
                return arr.get(idx);
            }
            case "States.ArrayLength": arity(name, a, 1); return Json.NODES.numberNode(arr(name, a.get(0)).size());
            case "States.ArrayUnique": {
                arity(name, a, 1);
                ArrayNode out = Json.array();
                for (JsonNode n : arr(name, a.get(0))) {
                    boolean seen = false;
                    for (JsonNode o : out) if (Json.equalsByValue(o, n)) { seen = true; break; }
                    if (!seen) out.add(n);
                }
                return out;
            }
            case "States.Base64Encode":
                arity(name, a, 1);
                return Json.text(Base64.getEncoder().encodeToString(str(name, a.get(0)).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                arity(name, a, 1);
                try {
                    return Json.text(new String(Base64.getDecoder().decode(str(name, a.get(0))), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure("Invalid base64 input for States.Base64Decode");
                }
            case "States.Hash": {
                arity(name, a, 2);
                JsonNode data = a.get(0);
                if (data.isNull()) throw failure("States.Hash input cannot be null");
                String text = data.isTextual() ? data.textValue() : Json.write(data);
                String alg = str(name, a.get(1));
                if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(alg))
                    throw failure("Unsupported hash algorithm '" + alg + "'");
                try {
                    byte[] d = MessageDigest.getInstance(alg).digest(text.getBytes(StandardCharsets.UTF_8));
                    return Json.text(HexFormat.of().formatHex(d));
                } catch (NoSuchAlgorithmException e) {
                    throw failure("Unsupported hash algorithm '" + alg + "'");
                }
            }
            case "States.JsonMerge": {
                arity(name, a, 3);
                if (!a.get(0).isObject() || !a.get(1).isObject()) throw failure("States.JsonMerge arguments must be objects");
                if (a.get(2).asBoolean(false)) throw failure("States.JsonMerge deep merge is not supported; use false");
                ObjectNode out = ((ObjectNode) a.get(0)).deepCopy();
                out.setAll((ObjectNode) a.get(1));
                return out;
            }
            case "States.MathRandom": {
                if (a.size() < 2 || a.size() > 3) throw failure("States.MathRandom takes 2 or 3 arguments");
                int start = integer(name, a.get(0)), end = integer(name, a.get(1));
                if (end <= start) return Json.NODES.numberNode(start);
                Random r = a.size() == 3 ? new Random(a.get(2).asLong()) : ThreadLocalRandom.current();
                return Json.NODES.numberNode(start + r.nextInt(end - start));
            }
            case "States.MathAdd": {
                arity(name, a, 2);
                return Json.NODES.numberNode(Math.round(num(name, a.get(0))) + Math.round(num(name, a.get(1))));
            }
            case "States.StringSplit": {
                arity(name, a, 2);
                String text = str(name, a.get(0));
                String delims = str(name, a.get(1));
                ArrayNode out = Json.array();
                StringBuilder cur = new StringBuilder();
                // Every character of the delimiter string separates; empty pieces are dropped, as AWS does.
                for (char c : text.toCharArray()) {
                    if (delims.indexOf(c) >= 0) {
                        if (cur.length() > 0) out.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                if (cur.length() > 0) out.add(cur.toString());
                return out;
            }
            case "States.UUID": arity(name, a, 0); return Json.text(UUID.randomUUID().toString());
            default: throw failure("Unknown intrinsic function '" + name + "'");
        }
    }

    private static JsonNode format(List<JsonNode> a) {
        if (a.isEmpty() || !a.get(0).isTextual()) throw failure("States.Format requires a template string");
        String t = a.get(0).textValue();
        StringBuilder sb = new StringBuilder();
        int arg = 1;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == '\\' && k + 1 < t.length() && (t.charAt(k + 1) == '{' || t.charAt(k + 1) == '}')) {
                sb.append(t.charAt(++k));
            } else if (c == '{' && k + 1 < t.length() && t.charAt(k + 1) == '}') {
                if (arg >= a.size()) throw failure("States.Format has more placeholders than arguments");
                JsonNode v = a.get(arg++);
                sb.append(formatValue(v));
                k++;
            } else {
                sb.append(c);
            }
        }
        if (arg != a.size()) throw failure("States.Format has more arguments than placeholders");
        return Json.text(sb.toString());
    }

    /** AWS renders non-string arguments the way Java's Map/List toString does: {a=1, b=[x]}. */
    private static String formatValue(JsonNode v) {
        if (v.isTextual()) return v.textValue();
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            var it = v.fields();
            while (it.hasNext()) {
                var e = it.next();
                sb.append(e.getKey()).append('=').append(formatValue(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(formatValue(v.get(i)));
            }
            return sb.append(']').toString();
        }
        return Json.write(v);
    }

    private static void arity(String name, List<JsonNode> a, int n) {
        if (a.size() != n) throw failure(name + " takes " + n + " argument(s) but got " + a.size());
    }

    private static JsonNode arr(String name, JsonNode n) {
        if (!n.isArray()) throw failure(name + " expects an array but got " + Json.typeName(n));
        return n;
    }

    private static String str(String name, JsonNode n) {
        if (!n.isTextual()) throw failure(name + " expects a string but got " + Json.typeName(n));
        return n.textValue();
    }

    private static double num(String name, JsonNode n) {
        if (!n.isNumber()) throw failure(name + " expects a number but got " + Json.typeName(n));
        return n.doubleValue();
    }

    private static int integer(String name, JsonNode n) {
        if (!n.isNumber()) throw failure(name + " expects an integer but got " + Json.typeName(n));
        return n.intValue();
    }
}
