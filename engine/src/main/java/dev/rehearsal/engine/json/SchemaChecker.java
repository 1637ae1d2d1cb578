package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates documents against one of the published JSON Schemas bundled under /schemas. */
public final class SchemaChecker {
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .failFast(false)
            .build();
    private final JsonSchema schema;

    public SchemaChecker(String resource) {
        this(load(resource));
    }

    private SchemaChecker(JsonNode schemaDocument) {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaDocument, CONFIG);
    }

    /** A checker for a schema built in code (e.g. derived from a published one). */
    public static SchemaChecker of(JsonNode schemaDocument) {
        return new SchemaChecker(schemaDocument);
    }

    public static JsonNode load(String resource) {
        try (InputStream in = SchemaChecker.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + resource);
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation, located in {@code doc} when given. */
    public List<Problem> check(JsonNode node, LocatedJson doc) {
        return check(node, doc, "");
    }

    /** As {@link #check(JsonNode, LocatedJson)} for a node found at {@code prefix} inside the document. */
    public List<Problem> check(JsonNode node, LocatedJson doc, String prefix) {
        Set<ValidationMessage> messages = schema.validate(node);
        List<Problem> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String pointer = m.getInstanceLocation().toString();
            if (pointer.equals("/")) pointer = "";
            pointer = prefix + pointer;
            // An unknown field is reported at its parent object: point at the field itself.
            if (m.getType().equals("additionalProperties") && m.getProperty() != null) {
                pointer = pointer + "/" + LocatedJson.escape(m.getProperty());
            }
            String text = humanise(m);
            if (text == null) continue;
            out.add(Problem.at(doc, pointer, "schema." + m.getType(), text));
        }
        return out;
    }

    /** Turns validator wording into something a marketer can act on; null drops noise. */
    private static String humanise(ValidationMessage m) {
        String type = m.getType();
        String error = m.getError();
        if (error == null) error = m.getMessage();
        // Branch-selection keywords only repeat what the nested messages already say.
        if (type.equals("if") || type.equals("then") || type.equals("allOf") || type.equals("$ref")) return null;
        if (type.equals("additionalProperties") && m.getProperty() != null) {
            return "unknown field '" + m.getProperty() + "'";
        }
        if (type.equals("required") && m.getProperty() != null) {
            return "missing required field '" + m.getProperty() + "'";
        }
        return error;
    }
}
