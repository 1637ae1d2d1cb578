package dev.rehearsal.engine.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses JSON into a tree while remembering where every value started, keyed by JSON pointer,
 * so that schema and semantic problems can be reported with line and column.
 */
public final class LocatedJson {
    private final JsonNode root;
    private final Map<String, Located> locations;

    private LocatedJson(JsonNode root, Map<String, Located> locations) {
        this.root = root;
        this.locations = locations;
    }

    public JsonNode root() {
        return root;
    }

    /** Location of the value at {@code pointer}, or of its nearest located ancestor. */
    public Located locate(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Located l = locations.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return Located.UNKNOWN;
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Thrown for text that is not JSON at all; carries the position the parser stopped at. */
    public static final class MalformedJsonException extends Exception {
        private final Located where;

        MalformedJsonException(String message, Located where) {
            super(message);
            this.where = where;
        }

        public Located where() {
            return where;
        }
    }

    /** Duplicate keys are an error (a later key would silently win). */
    static final com.fasterxml.jackson.core.JsonFactory STRICT = JsonTrees.FACTORY.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The tree without positions, or null when the text is not valid JSON (call {@link #parse} for why). */
    public static JsonNode parseFast(String text) {
        try (JsonParser p = STRICT.createParser(text)) {
            JsonNode n = JsonTrees.read(p, new CompactNodeFactory());
            return n == null || p.nextToken() != null ? null : n;
        } catch (IOException e) {
            return null;
        }
    }

    public static LocatedJson parse(String text) throws MalformedJsonException {
        Map<String, Located> locations = new HashMap<>();
        try (JsonParser p = STRICT.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new MalformedJsonException("document is empty", new Located(1, 1));
            JsonNode root = read(p, "", locations);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new MalformedJsonException("unexpected content after the end of the JSON document",
                        new Located(l.getLineNr(), l.getColumnNr()));
            }
            return new LocatedJson(root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new MalformedJsonException(msg,
                    l == null ? Located.UNKNOWN : new Located(l.getLineNr(), l.getColumnNr()));
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), Located.UNKNOWN);
        }
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Located> locs) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        locs.put(pointer, new Located(at.getLineNr(), at.getColumnNr()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p, pointer + "/" + escape(name), locs));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i++, locs));
                }
                return a;
            }
            case VALUE_STRING: return f.textNode(p.getText());
            case VALUE_NUMBER_INT: // big integers are valid JSON; the schema judges their range
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? f.numberNode(p.getBigIntegerValue())
                        : f.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT: return f.numberNode(p.getDecimalValue());
            case VALUE_TRUE: return f.booleanNode(true);
            case VALUE_FALSE: return f.booleanNode(false);
            case VALUE_NULL: return f.nullNode();
            default: throw new IOException("unexpected token " + p.currentToken());
        }
    }

    /** RFC 6901 escaping of one pointer segment. */
    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
