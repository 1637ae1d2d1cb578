package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.InvalidInputException;

/**
 * A suite's {@code inputs}: data the workflow tests but the simulation does not produce, given by the
 * suite. A field an external call returns gets the supplied spec as that call's output; any other
 * field becomes (or replaces) a declared input. Walks draw from the values; branch hunting tries each.
 */
public final class SuppliedInputs {
    private SuppliedInputs() {
    }

    /** Whether {@code supplied} gives anything to apply. */
    public static boolean any(JsonNode supplied) {
        return supplied != null && supplied.isObject() && !supplied.isEmpty();
    }

    /**
     * The workflow with {@code supplied} (field to {values, example}) applied; the workflow itself when there is
     * none. {@code document} is the workflow's whole definition, steps included ({@link Workflow#source()} no
     * longer keeps the steps: docs/PERFORMANCE.md, "Big workflows").
     */
    public static Workflow apply(Workflow wf, JsonNode document, JsonNode supplied) {
        if (!any(supplied) || document == null || !document.isObject()) return wf;
        ObjectNode src = document.deepCopy();
        supplied.fields().forEachRemaining(e -> {
            boolean output = false;
            for (JsonNode step : src.path("steps")) {
                JsonNode outputs = step.path("config").path("outputs");
                if ("external_call".equals(step.path("type").asText()) && outputs.has(e.getKey())) {
                    ((ObjectNode) outputs).set(e.getKey(), e.getValue().deepCopy());
                    output = true;
                }
            }
            if (!output) src.with("inputs").set(e.getKey(), e.getValue().deepCopy());
        });
        WorkflowParser.Result r = WorkflowParser.parse(src);
        if (!r.ok()) throw new InvalidInputException("the suite's inputs", r.problems());
        return r.workflow();
    }
}
