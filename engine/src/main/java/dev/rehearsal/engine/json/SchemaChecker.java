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
    private final JsonSchema schema;
    private final String resource;

    public SchemaChecker(String resource) {
        this.resource = resource;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .failFast(false)
                .build();
        try (InputStream in = SchemaChecker.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + resource);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String resource() {
        return resource;
    }

    /** Every schema violation, located in {@code doc} when given. */
    public List<Problem> check(JsonNode node, LocatedJson doc) {
        Set<ValidationMessage> messages = schema.validate(node);
        List<Problem> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String pointer = m.getInstanceLocation().toString();
            if (pointer.equals("/") ) pointer = "";
            String code = "schema." + m.getType();
            String text = humanise(m, pointer);
            if (text == null) continue;
            out.add(Problem.at(doc, pointer, code, text));
        }
        return out;
    }

    /** Turns validator wording into something a marketer can act on; null drops noise. */
    private static String humanise(ValidationMessage m, String pointer) {
        String type = m.getType();
        String error = m.getError();
        if (error == null) error = m.getMessage();
        // Branch-selection keywords only repeat what the nested messages already say.
        if (type.equals("if") || type.equals("then") || type.equals("allOf")) return null;
        if (type.equals("additionalProperties") && m.getProperty() != null) {
            return "unknown field '" + m.getProperty() + "'";
        }
        if (type.equals("required") && m.getProperty() != null) {
            return "missing required field '" + m.getProperty() + "'";
        }
        return error;
    }
}
