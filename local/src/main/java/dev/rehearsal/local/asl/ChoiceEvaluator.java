package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/** Evaluates JSONPath Choice rules (comparisons, And/Or/Not, Is*) and JSONata Conditions. */
public final class ChoiceEvaluator {
    private ChoiceEvaluator() {}

    public static boolean matches(JsonNode rule, JsonNode input, JsonPathProcessor.Env env) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) if (!matches(r, input, env)) return false;
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) if (matches(r, input, env)) return true;
            return false;
        }
        if (rule.has("Not")) return !matches(rule.get("Not"), input, env);
        String variablePath = rule.path("Variable").asText(null);
        if (variablePath == null) throw new StateFailure(ErrorNames.RUNTIME, "Choice rule has no Variable");
        Map.Entry<String, JsonNode> op = operator(rule);
        String name = op.getKey();
        JsonNode expected = op.getValue();
        if (name.equals("IsPresent")) {
            return JsonPathProcessor.isPresent(variablePath, input, env) == expected.asBoolean();
        }
        JsonNode value;
        try {
            value = JsonPathProcessor.read(variablePath, input, env);
        } catch (JsonPathProcessor.NoResult e) {
            throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + variablePath + "' : " + e.detail);
        }
        if (name.endsWith("Path")) {
            String path = expected.asText();
            name = name.substring(0, name.length() - 4);
            try {
                expected = JsonPathProcessor.read(path, input, env);
            } catch (JsonPathProcessor.NoResult e) {
                throw new StateFailure(ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + e.detail);
            }
        }
        return compare(name, value, expected);
    }

    private static Map.Entry<String, JsonNode> operator(JsonNode rule) {
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!k.equals("Variable") && !k.equals("Next") && !k.equals("Comment") && !k.equals("Assign")
                    && !k.equals("Output")) return e;
        }
        throw new StateFailure(ErrorNames.RUNTIME, "Choice rule has no comparison operator");
    }

    static boolean compare(String op, JsonNode v, JsonNode e) {
        switch (op) {
            case "IsNull": return v.isNull() == e.asBoolean();
            case "IsNumeric": return v.isNumber() == e.asBoolean();
            case "IsString": return v.isTextual() == e.asBoolean();
            case "IsBoolean": return v.isBoolean() == e.asBoolean();
            case "IsTimestamp": return (v.isTextual() && timestamp(v.textValue()) != null) == e.asBoolean();
            case "StringEquals": return v.isTextual() && e.isTextual() && v.textValue().equals(e.textValue());
            case "StringLessThan": return strings(v, e) && v.textValue().compareTo(e.textValue()) < 0;
            case "StringGreaterThan": return strings(v, e) && v.textValue().compareTo(e.textValue()) > 0;
            case "StringLessThanEquals": return strings(v, e) && v.textValue().compareTo(e.textValue()) <= 0;
            case "StringGreaterThanEquals": return strings(v, e) && v.textValue().compareTo(e.textValue()) >= 0;
            case "StringMatches": return strings(v, e) && wildcard(v.textValue(), e.textValue());
            case "NumericEquals": return numbers(v, e) && v.decimalValue().compareTo(e.decimalValue()) == 0;
            case "NumericLessThan": return numbers(v, e) && v.decimalValue().compareTo(e.decimalValue()) < 0;
            case "NumericGreaterThan": return numbers(v, e) && v.decimalValue().compareTo(e.decimalValue()) > 0;
            case "NumericLessThanEquals": return numbers(v, e) && v.decimalValue().compareTo(e.decimalValue()) <= 0;
            case "NumericGreaterThanEquals": return numbers(v, e) && v.decimalValue().compareTo(e.decimalValue()) >= 0;
            case "BooleanEquals": return v.isBoolean() && e.isBoolean() && v.booleanValue() == e.booleanValue();
            case "TimestampEquals": return timestamps(v, e) == 0;
            case "TimestampLessThan": return timestamps(v, e) == -1;
            case "TimestampGreaterThan": return timestamps(v, e) == 1;
            case "TimestampLessThanEquals": { int c = timestamps(v, e); return c == -1 || c == 0; }
            case "TimestampGreaterThanEquals": { int c = timestamps(v, e); return c == 1 || c == 0; }
            default: throw new StateFailure(ErrorNames.RUNTIME, "Unknown Choice operator '" + op + "'");
        }
    }

    private static boolean strings(JsonNode a, JsonNode b) { return a.isTextual() && b.isTextual(); }

    private static boolean numbers(JsonNode a, JsonNode b) { return a.isNumber() && b.isNumber(); }

    /** -1/0/1 when both are timestamps, otherwise 2 (no match). */
    private static int timestamps(JsonNode a, JsonNode b) {
        if (!a.isTextual() || !b.isTextual()) return 2;
        OffsetDateTime x = timestamp(a.textValue()), y = timestamp(b.textValue());
        if (x == null || y == null) return 2;
        return Integer.signum(x.toInstant().compareTo(y.toInstant()));
    }

    static OffsetDateTime timestamp(String s) {
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: '*' matches any run of characters; '\*' and '\\' are literal. */
    static boolean wildcard(String text, String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL).matcher(text).matches();
    }
}
