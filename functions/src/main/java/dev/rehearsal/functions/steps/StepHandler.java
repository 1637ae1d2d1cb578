package dev.rehearsal.functions.steps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A state-machine Task handler: JSON in, JSON out, as trees read and written by jackson-core alone (a stream
 * handler, so the Lambda runtime's reflective serializer is never involved, and no data binding is loaded
 * for the payload: docs/PERFORMANCE.md, "Lambda cold start"). Subclasses are thin: read the references from
 * the input, call the engine and the store, return references.
 */
public abstract class StepHandler implements RequestStreamHandler {

    /** The step itself; also what the local runtime calls in-process. */
    public abstract JsonNode handle(JsonNode input);

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode input = JsonTrees.read(in);
        JsonNode result = handle(input == null ? JsonNodeFactory.instance.objectNode() : input);
        JsonTrees.write(out, result);
    }

    static String text(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
            throw new StepInputException("input has no '" + field + "'");
        }
        return v.asText();
    }

    static int integer(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || !v.canConvertToInt()) throw new StepInputException("input has no integer '" + field + "'");
        return v.asInt();
    }
}
