package dev.rehearsal.providers.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.SchemaChecker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schema one job's answer must meet: sent to providers that enforce it (OpenAI strict
 * structured outputs, Ollama {@code format}), shown to those that do not (Bedrock), and always
 * checked locally because no provider's enforcement is trusted.
 */
public final class JobSchema {
    // Declared before the schemas below: static initialisers run in textual order.
    // "pattern" too: not every provider's enforcement accepts it; the local check always applies it.
    private static final java.util.Set<String> BOUNDS = new java.util.HashSet<>(
            java.util.List.of("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"));
    public static final JobSchema PERSONA_REPLY = load("persona_reply", "/schemas/persona-reply.schema.json");
    public static final JobSchema MESSAGE_ANALYSIS = load("message_analysis", "/schemas/message-analysis.schema.json");
    public static final JobSchema RECOMMENDATIONS = load("recommendations", "/schemas/recommendations.schema.json");
    public static final JobSchema REPLY_READING = load("reply_reading", "/schemas/reply-reading.schema.json");

    private final String name;
    private final String resource;
    private final JsonNode schema;
    private final String compactText;
    private final JsonNode wireSchema;
    private final SchemaChecker checker;

    private JobSchema(String name, String resource, JsonNode schema) {
        this.name = name;
        this.resource = resource;
        this.schema = schema;
        this.compactText = Json.write(schema);
        this.wireSchema = withoutBounds(schema.deepCopy());
        this.checker = new SchemaChecker(resource);
    }

    private static JobSchema load(String name, String resource) {
        try (InputStream in = JobSchema.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + resource);
            return new JobSchema(name, resource, Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schema name as providers want it ([a-z_]). */
    public String name() {
        return name;
    }

    public String resource() {
        return resource;
    }

    public JsonNode schema() {
        return schema.deepCopy();
    }

    /**
     * The schema sent to providers that enforce it: the strict-mode common subset (no numeric or
     * length bounds, which OpenAI strict mode rejects). The bounds are still checked locally.
     */
    public JsonNode wireSchema() {
        return wireSchema.deepCopy();
    }


    private static JsonNode withoutBounds(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            o.remove(BOUNDS);
            o.fields().forEachRemaining(e -> withoutBounds(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(JobSchema::withoutBounds);
        }
        return node;
    }

    /** The schema as one compact JSON line, for prompts. */
    public String compactText() {
        return compactText;
    }

    SchemaChecker checker() {
        return checker;
    }
}
