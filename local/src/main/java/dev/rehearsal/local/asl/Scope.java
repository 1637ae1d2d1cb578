package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One thread of control: the top level, a Parallel branch or a Map iteration. Holds its own variables
 * (a copy of the enclosing ones), its Map item, its place in the history chain and the state being run.
 */
final class Scope implements JsonPathProcessor.Env {
    final ExecutionRun run;
    final Map<String, JsonNode> variables;
    private final ObjectNode mapItem;
    private final BooleanSupplier parentCancelled;
    private volatile boolean cancelled;
    long lastEventId;

    String stateName;
    long enteredEventId;
    Instant enteredTime;
    int retryCount;
    private JsonNode context;

    Scope(ExecutionRun run, Map<String, JsonNode> variables, ObjectNode mapItem, BooleanSupplier parentCancelled,
          long lastEventId) {
        this.run = run;
        this.variables = variables;
        this.mapItem = mapItem;
        this.parentCancelled = parentCancelled;
        this.lastEventId = lastEventId;
    }

    /** A nested scope for a branch or iteration: variables are copied so its assignments stay inside. */
    Scope child(ObjectNode mapItem, BooleanSupplier cancelledBy, long previousEventId) {
        return new Scope(run, new HashMap<>(variables), mapItem, cancelledBy, previousEventId);
    }

    void cancel() { cancelled = true; }

    boolean cancelled() { return cancelled || (parentCancelled != null && parentCancelled.getAsBoolean()); }

    void checkCancelled() {
        if (cancelled()) throw new ExecutionStopped(ExecutionStatus.ABORTED);
    }

    void enterState(String name, long eventId) {
        stateName = name;
        enteredEventId = eventId;
        enteredTime = run.clock.now();
        retryCount = 0;
        context = null;
    }

    /** Appends to the history, chaining on this scope's previous event. */
    long event(String type, ObjectNode details) {
        lastEventId = run.history().add(lastEventId, type, run.options.recordHistory() ? details : null);
        return lastEventId;
    }

    /** A fresh details object, or null when history details are switched off. */
    ObjectNode details() { return run.options.recordHistory() ? Json.object() : null; }

    @Override
    public JsonNode contextObject() {
        if (context == null) {
            ObjectNode ctx = run.contextBase();
            ObjectNode st = ctx.putObject("State");
            st.put("EnteredTime", enteredTime == null ? run.startTime.toString() : enteredTime.toString());
            st.put("Name", stateName);
            st.put("RetryCount", retryCount);
            if (mapItem != null) ctx.putObject("Map").set("Item", mapItem);
            context = ctx;
        }
        return context;
    }

    void invalidateContext() { context = null; }

    @Override
    public JsonNode variable(String name) { return variables.get(name); }

    JsonataEvaluator.Bindings bindings(JsonNode input) {
        return new JsonataEvaluator.Bindings(input, contextObject(), null, null, variables);
    }
}
