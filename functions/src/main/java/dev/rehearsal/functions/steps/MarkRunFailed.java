package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;

/**
 * The Catch target: input {accountId, runId, error: {Error, Cause}}. Marks the run FAILED with
 * the error; tests, interactions and any report already written stay. A run that already
 * completed is left as it is (reported in the output, not thrown, so the Catch path cannot loop).
 */
public class MarkRunFailed extends StepHandler {
    static final int MAX_ERROR = 2000;
    private final StepServices services;

    public MarkRunFailed() {
        this(StepServices.fromEnvironment());
    }

    public MarkRunFailed(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        String runId = text(input, "runId");
        JsonNode err = input.path("error");
        String name = err.path("Error").asText("States.Runtime");
        String cause = err.path("Cause").asText("");
        String message = cause.isEmpty() ? name : name + ": " + cause;
        if (message.length() > MAX_ERROR) message = message.substring(0, MAX_ERROR) + "...";
        ObjectNode out = Json.mapper().createObjectNode();
        try {
            RunRecord r = services.store().runs().finish(accountId, runId, RunStatus.FAILED, message);
            out.put("status", r.status().name());
        } catch (ConflictException e) {
            out.put("status", "UNCHANGED");
            out.put("reason", e.getMessage());
        }
        out.put("error", message);
        return out;
    }
}
