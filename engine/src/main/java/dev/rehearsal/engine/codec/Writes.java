package dev.rehearsal.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rehearsal.engine.json.JsonTrees;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Field writers that follow the mapper's settings: null fields left out, map entries in key order. */
final class Writes {
    private Writes() {
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** One compact document, as {@code Json.write} gives it. */
    static String document(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static void string(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) g.writeStringField(name, v);
    }

    static void number(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) g.writeNumberField(name, v.longValue());
    }

    static void number(JsonGenerator g, String name, Integer v) throws IOException {
        if (v != null) g.writeNumberField(name, v.intValue());
    }

    static void number(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) g.writeNumberField(name, v.doubleValue());
    }

    static void strings(JsonGenerator g, String name, Collection<String> v) throws IOException {
        if (v == null) return;
        g.writeArrayFieldStart(name);
        for (String s : v) g.writeString(s);
        g.writeEndArray();
    }

    /** A map's entries in key order (ORDER_MAP_ENTRIES_BY_KEYS); a null value is written, as the mapper does. */
    static void map(JsonGenerator g, String name, Map<String, ?> v) throws IOException {
        if (v == null) return;
        g.writeObjectFieldStart(name);
        Map<String, ?> sorted = v instanceof SortedMap<String, ?> ? v : new TreeMap<>(v);
        for (Map.Entry<String, ?> e : sorted.entrySet()) {
            g.writeFieldName(e.getKey());
            Object x = e.getValue();
            if (x == null) g.writeNull();
            else if (x instanceof Integer i) g.writeNumber(i);
            else g.writeString((String) x);
        }
        g.writeEndObject();
    }
}
