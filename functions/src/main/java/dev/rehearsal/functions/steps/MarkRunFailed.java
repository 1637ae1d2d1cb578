package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.observe.RunMetrics;
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
        String cause = lambdaMessage(err.path("Cause").asText(""));
        // A Java exception's error is its fully qualified class name: a reader of the run gets a reason word
        // instead (no class names in what the API shows); AWS error names such as States.Timeout stay whole.
        boolean javaClass = !name.isEmpty() && Character.isLowerCase(name.charAt(0)) && name.contains(".");
        String shortName = javaClass ? reason(name.substring(name.lastIndexOf('.') + 1)) : name;
        String message = cause.isEmpty() ? shortName : shortName + ": " + cause;
        if (message.length() > MAX_ERROR) message = message.substring(0, MAX_ERROR) + "...";
        ObjectNode out = Json.mapper().createObjectNode();
        try {
            RunRecord r = services.store().runs().finish(accountId, runId, RunStatus.FAILED, message);
            out.put("status", r.status().name());
            RunMetrics.runEnded("MarkRunFailed", runId, r.status().name(), shortName);
        } catch (ConflictException e) {
            out.put("status", "UNCHANGED");
            out.put("reason", e.getMessage());
        }
        out.put("error", message);
        return out;
    }

    /** The reason word for one of our step exceptions. */
    static String reason(String simpleName) {
        return switch (simpleName) {
            case "StepInputException" -> "invalid_step_input";
            case "WorkflowInvalidException" -> "workflow_invalid";
            case "ProviderThrottledException" -> "provider_throttled";
            default -> "step_failed";
        };
    }

    /**
     * Lambda reports an uncaught exception's Cause as JSON ({errorMessage, errorType, stackTrace}):
     * keep the message, which is what a reader of the run needs; other causes pass through.
     */
    static String lambdaMessage(String cause) {
        if (!cause.startsWith("{")) return cause;
        try {
            JsonNode c = Json.mapper().readTree(cause);
            return c.hasNonNull("errorMessage") ? c.get("errorMessage").asText() : cause;
        } catch (java.io.IOException e) {
            return cause;
        }
    }
}
