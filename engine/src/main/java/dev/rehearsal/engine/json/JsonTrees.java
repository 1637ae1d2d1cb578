package dev.rehearsal.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON trees read and written with jackson-core's streaming parser and generator alone, giving the
 * same nodes and the same text as {@link Json#mapper()}'s {@code readTree} and {@code writeValue}. Building
 * that mapper and its (de)serializers loads some 600 classes: a Lambda's first event only needs trees
 * (docs/PERFORMANCE.md, "Lambda cold start: what the first event loads").
 */
public final class JsonTrees {
    /** A plain factory, configured as the mapper's own (no codec: nothing here reaches data binding). */
    public static final JsonFactory FACTORY = new JsonFactory();

    private JsonTrees() {
    }

    /** The document's tree, as {@code Json.mapper().readTree(text)} gives it; null for empty text. */
    public static JsonNode read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return read(p, JsonNodeFactory.instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #read(String)}, from a stream (left open). */
    public static JsonNode read(java.io.InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return read(p, JsonNodeFactory.instance);
        }
    }

    /**
     * The next value of {@code p} as a tree built by {@code f}; null at the end of input. Numbers become the
     * nodes the mapper makes (int, long or big integer by size; double for fractions); a repeated key keeps
     * its last value. Nesting is bounded by the parser's own depth limit.
     */
    public static JsonNode read(JsonParser p, JsonNodeFactory f) throws IOException {
        JsonToken t = p.currentToken() != null ? p.currentToken() : p.nextToken();
        return t == null ? null : value(p, f);
    }

    private static JsonNode value(JsonParser p, JsonNodeFactory f) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    o.replace(name, value(p, f));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p, f));
                return a;
            }
            case VALUE_STRING: return f.textNode(p.getText());
            case VALUE_NUMBER_INT: return switch (p.getNumberType()) {
                case INT -> f.numberNode(p.getIntValue());
                case LONG -> f.numberNode(p.getLongValue());
                default -> f.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT: return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? f.numberNode(p.getDecimalValue()) : f.numberNode(p.getDoubleValue());
            case VALUE_TRUE: return f.booleanNode(true);
            case VALUE_FALSE: return f.booleanNode(false);
            case VALUE_NULL: return f.nullNode();
            default: throw new IOException("unexpected token " + p.currentToken());
        }
    }

    /** An array of the texts, in order ({@code Json.tree(texts)} without data binding; a null text is a JSON null). */
    public static ArrayNode texts(Iterable<String> texts) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String t : texts) out.add(t);
        return out;
    }

    /** The tree as {@code Json.write(node)} writes it (compact; keys in the node's order). */
    public static String write(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes the tree to {@code out} (left open). */
    public static void write(java.io.OutputStream out, JsonNode node) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(g, node);
        }
    }

    public static void write(JsonGenerator g, JsonNode n) throws IOException {
        JsonNodeType type = n.getNodeType();
        switch (type) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode v : n) write(g, v);
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    default -> g.writeNumber(n.decimalValue());
                }
            }
            // binary, POJO and missing nodes never occur in our documents: the mapper knows how to write them
            default -> g.writeRawValue(Json.write(n));
        }
    }
}
