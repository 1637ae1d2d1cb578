package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.sim.SimulationSession;

/**
 * The state of one persona's step loop as the state machine carries it: references and a cursor
 * only (DESIGN invariant 1). The session itself (contact state, transcript) stays in DynamoDB.
 */
public record Cursor(String accountId, String runId, String testId, String personaId, String stepId, int stepIndex,
                     long clock, boolean done) {

    static Cursor of(String accountId, String runId, String testId, String personaId, SimulationSession s) {
        return new Cursor(accountId, runId, testId, personaId, s.stepId, s.stepIndex, s.clock, s.done());
    }

    static Cursor from(JsonNode in) {
        return new Cursor(StepHandler.text(in, "accountId"), StepHandler.text(in, "runId"), StepHandler.text(in, "testId"),
                StepHandler.text(in, "personaId"), in.path("stepId").isTextual() ? in.get("stepId").asText() : null,
                StepHandler.integer(in, "stepIndex"), in.path("clock").asLong(), in.path("done").asBoolean());
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("accountId", accountId);
        o.put("runId", runId);
        o.put("testId", testId);
        o.put("personaId", personaId);
        if (stepId == null) o.putNull("stepId");
        else o.put("stepId", stepId);
        o.put("stepIndex", stepIndex);
        o.put("clock", clock);
        o.put("done", done);
        return o;
    }
}
