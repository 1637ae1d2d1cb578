package dev.rehearsal.functions.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.functions.steps.StepHandler;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;

import java.io.IOException;

/**
 * Ends a run whose execution ended without the state machine's own Catch marking it: EventBridge's
 * "Step Functions Execution Status Change" for the test-run state machine, status TIMED_OUT (its
 * TimeoutSeconds passed: FAILED {@code timed_out}), ABORTED (StopExecution: CANCELLED) or FAILED
 * (MarkRunFailed could not record it: FAILED {@code execution_failed}). A run that already ended
 * keeps its status, so a late or repeated event changes nothing. The local runtime feeds it the same
 * event when one of its executions ends so.
 */
public class ReconcileRun extends StepHandler {
    private final StepServices services;

    public ReconcileRun() {
        this(StepServices.fromEnvironment());
    }

    public ReconcileRun(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        String status = detail.path("status").asText("");
        JsonNode input = input(detail);
        ObjectNode out = Json.mapper().createObjectNode();
        String accountId = input.path("accountId").asText("");
        String runId = input.path("runId").asText("");
        out.put("runId", runId);
        if (accountId.isEmpty() || runId.isEmpty()) {
            // Not one of our executions' inputs (or EventBridge left the input out): nothing to mark.
            out.put("status", "IGNORED");
            out.put("reason", "the event's execution input names no run");
            return out;
        }
        RunStatus to;
        String error;
        switch (status) {
            case "TIMED_OUT" -> {
                to = RunStatus.FAILED;
                error = "timed_out: the run did not finish before its deadline";
            }
            case "ABORTED" -> {
                to = RunStatus.CANCELLED;
                error = "cancelled: its execution was stopped";
            }
            case "FAILED" -> {
                to = RunStatus.FAILED;
                error = "execution_failed: " + detail.path("error").asText("the execution failed");
            }
            default -> {
                out.put("status", "IGNORED");
                out.put("reason", "execution status " + status + " needs no reconciliation");
                return out;
            }
        }
        try {
            RunRecord r = services.store().runs().finish(accountId, runId, to, error);
            out.put("status", r.status().name());
            if (error.equals(r.error())) RunMetrics.runEnded("ReconcileRun", runId, r.status().name(), error);
        } catch (ConflictException e) {
            out.put("status", "UNCHANGED");
            out.put("reason", e.getMessage());
        }
        return out;
    }

    /** The execution's input: a JSON document in a string (the run's reference). */
    private static JsonNode input(JsonNode detail) {
        JsonNode in = detail.path("input");
        if (in.isObject()) return in;
        if (!in.isTextual()) return Json.mapper().createObjectNode();
        try {
            JsonNode n = Json.mapper().readTree(in.asText());
            return n == null ? Json.mapper().createObjectNode() : n;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
