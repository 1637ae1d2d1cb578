package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a smaller tree for one document: short strings that repeat (step types, durations, tags, intents)
 * share one node, and objects start with a small map (most have a handful of fields). A 100k-step workflow
 * keeps far fewer objects alive while it is checked (docs/PERFORMANCE.md, "Big workflows"). One instance per
 * parse: the cache is not thread-safe and is dropped with the factory.
 */
final class CompactNodeFactory extends JsonNodeFactory {
    private static final int MAX_SHARED_LENGTH = 24;
    private static final int MAX_SHARED = 4096;
    private final Map<String, TextNode> shared = new HashMap<>();

    @Override
    public TextNode textNode(String text) {
        if (text == null || text.length() > MAX_SHARED_LENGTH) return super.textNode(text);
        TextNode n = shared.get(text);
        if (n != null) return n;
        n = super.textNode(text);
        if (shared.size() < MAX_SHARED) shared.put(text, n);
        return n;
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new LinkedHashMap<>(8));
    }
}
