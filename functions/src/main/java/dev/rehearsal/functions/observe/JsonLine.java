package dev.rehearsal.functions.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rehearsal.engine.json.JsonTrees;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One log or metrics line written with jackson-core's generator from plain values (text, whole and decimal
 * numbers, booleans, nested maps and lists): the text a {@code JsonNode} tree of the same values gives, without
 * loading the tree classes on a function's first event (docs/PERFORMANCE.md, "Lambda cold start").
 */
final class JsonLine {
    private JsonLine() {
    }

    static String write(Map<String, ?> object) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(out)) {
            value(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof String s) g.writeString(s);
        else if (v instanceof Long || v instanceof Integer) g.writeNumber(((Number) v).longValue());
        else if (v instanceof Double d) g.writeNumber(d);
        else if (v instanceof Boolean b) g.writeBoolean(b);
        else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) value(g, x);
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON line value: " + v.getClass().getName());
        }
    }
}
