package dev.rehearsal.engine.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.JsonTrees;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict value readers: each accepts only the token our writers produce and throws {@link NotFast}
 * on anything else, where the mapper might coerce, default or reject.
 */
final class Reads {
    private Reads() {
    }

    /** The document is not in the shape the fast reader handles: let the mapper read it. */
    static final class NotFast extends RuntimeException {
        NotFast(String why) {
            super(why, null, false, false);
        }
    }

    interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** The document read by {@code reader}, or by the mapper when it is not in our writers' shape. */
    static <T> T orMapper(String json, Reader<T> reader, Class<T> type) throws IOException {
        try {
            return fast(json, reader);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // not our writers' shape (NotFast), or not valid: the mapper decides, and words any error its way
            return Json.mapper().readValue(json, type);
        }
    }

    /** The fast path alone: throws on anything but the shape our writers produce. */
    static <T> T fast(String json, Reader<T> reader) throws IOException {
        try (JsonParser p = JsonTrees.FACTORY.createParser(json)) {
            p.nextToken();
            T value = reader.read(p);
            if (p.nextToken() != null) throw new NotFast("content after the document");
            return value;
        }
    }

    static NotFast unknown(JsonParser p) throws IOException {
        return new NotFast("field '" + p.currentName() + "'");
    }

    static void expect(JsonParser p, JsonToken t) {
        if (p.currentToken() != t) throw new NotFast("expected " + t + ", found " + p.currentToken());
    }

    static String string(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_STRING);
        return p.getText();
    }

    static long longValue(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw new NotFast("big integer");
        return p.getLongValue();
    }

    static int intValue(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) throw new NotFast("not an int");
        return p.getIntValue();
    }

    static boolean bool(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_TRUE) return true;
        if (p.currentToken() == JsonToken.VALUE_FALSE) return false;
        throw new NotFast("expected a boolean, found " + p.currentToken());
    }

    static double doubleValue(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) longValue(p); // an integer is a double too
        return p.getDoubleValue();
    }

    static List<String> strings(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(string(p));
        return out;
    }

    static List<Long> longs(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        List<Long> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(longValue(p));
        return out;
    }

    /** A JSON object of strings, into {@code into}. */
    static <M extends Map<String, String>> M stringMap(JsonParser p, M into) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
            p.nextToken();
            into.put(k, string(p));
        }
        return into;
    }

    static TreeMap<String, Integer> intMap(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        TreeMap<String, Integer> out = new TreeMap<>();
        for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
            p.nextToken();
            out.put(k, intValue(p));
        }
        return out;
    }
}
