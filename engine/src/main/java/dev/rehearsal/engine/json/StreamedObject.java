package dev.rehearsal.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads a JSON object with one big array field (a workflow's {@code steps}) without building the whole tree:
 * each element of that array becomes a small tree of its own, handed to a sink and dropped unless the sink
 * keeps parts of it; every other top-level field becomes an ordinary tree. For valid input only: anything
 * unexpected (malformed JSON, a duplicate key, not an object, the field not an array, the sink refusing an
 * element) gives null, and the caller reads the text again with positions ({@link LocatedJson#parse}) to say
 * what is wrong. A 100k-step workflow then never holds more than one step's tree beside the model being built
 * (docs/PERFORMANCE.md, "Big workflows").
 */
public final class StreamedObject {
    /** Takes one element; false stops the read (the caller falls back to the located parse). */
    public interface ElementSink {
        boolean accept(int index, JsonNode element);

        /**
         * Asked with the parser on the first token of each element, before it is read: true ends the read there, the
         * element unread ({@link Rest#stopped}). For a caller that reads the rest of the array some other way.
         */
        default boolean stopBefore(JsonParser p) throws IOException {
            return false;
        }
    }

    /**
     * The object's other top-level fields in document order, and how many elements the array field had
     * ({@code -1}: the field was absent); {@code stopped} when the sink ended the read inside the array, with the
     * fields before it.
     */
    public record Rest(ObjectNode fields, int elements, boolean stopped) {
    }

    private StreamedObject() {
    }

    /**
     * Reads each element's tree, one per document and thread: its node factory shares the short strings that repeat
     * from step to step and is not thread-safe. A duplicate key is caught where the tree takes the second value (the
     * node deserializer already sees the first), not by the parser's own duplicate detection, which kept a set of
     * names per object: ~8% of the reading thread's time on a 100k-step workflow (docs/PERFORMANCE.md, "Sixth round").
     */
    static ObjectReader elementReader() {
        return Json.mapper().reader().with(new CompactNodeFactory()).with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** The rest of the object, or null when the text is not a single valid JSON object or the sink refused. */
    public static Rest read(String text, String arrayField, ElementSink sink) {
        ObjectReader reader = elementReader();
        try (JsonParser p = JsonTrees.FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            int elements = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(arrayField)) {
                    if (value != JsonToken.START_ARRAY || elements >= 0) return null;
                    elements = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (sink.stopBefore(p)) return new Rest(fields, elements, true);
                        JsonNode element = reader.readTree(p);
                        if (element == null || !sink.accept(elements++, element)) return null;
                    }
                } else {
                    JsonNode v = reader.readTree(p);
                    if (v == null || fields.replace(name, v) != null) return null;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
            return new Rest(fields, elements, false);
        } catch (IOException e) {
            return null;
        }
    }
}
