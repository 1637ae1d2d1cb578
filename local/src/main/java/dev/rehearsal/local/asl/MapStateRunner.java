package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Runs a Map state: inline here, DISTRIBUTED through {@link DistributedMapRunner} (child executions). */
final class MapStateRunner {
    private final StateRunner runner;

    private final DistributedMapRunner distributed;

    MapStateRunner(StateRunner runner) {
        this.runner = runner;
        this.distributed = new DistributedMapRunner(runner);
    }

    JsonNode run(State s, JsonNode input, Scope scope) {
        if (DistributedMapRunner.isDistributed(s)) DistributedMapRunner.checkSources(s);
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            JsonNode items;
            if (s.has("Items")) {
                JsonNode itemsField = s.field("Items");
                items = JsonataEvaluator.evaluateTemplate(itemsField, "Items", b);
                if (!items.isArray()) {
                    throw JsonataEvaluator.queryError("The JSONata expression '" + JsonataEvaluator.body(itemsField.asText())
                            + "' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '"
                            + Json.typeName(items) + "' for value: " + Json.write(items));
                }
            } else {
                items = input;
                if (!items.isArray()) throw JsonataEvaluator.queryError("Map state input must be an array but was: " + Json.write(items));
            }
            int maxConcurrency = s.has("MaxConcurrency") ? integer(JsonataEvaluator.evaluateTemplate(s.field("MaxConcurrency"), "MaxConcurrency", b), "MaxConcurrency") : 0;
            startDistributed(s, items, scope);
            Tolerance t = tolerance(s, null, scope, b);
            ItemInput selector = (child, item) -> {
                if (s.has("ItemSelector")) {
                    return JsonataEvaluator.evaluateTemplate(s.field("ItemSelector"), "ItemSelector", child.bindings(input));
                }
                return item;
            };
            JsonNode result = DistributedMapRunner.isDistributed(s)
                    ? distributed.run(s, items, maxConcurrency, t, scope, selector::of, input, b)
                    : iterate(s, items, maxConcurrency, t, scope, selector);
            return runner.finishJsonata(s, b, result);
        }
        JsonNode effective = runner.inputPath(s, input, scope);
        JsonNode items = s.has("ItemsPath")
                ? JsonPathProcessor.select(s.field("ItemsPath"), true, effective, scope) : effective;
        if (!items.isArray()) {
            throw new StateFailure(ErrorNames.RUNTIME, "Map state input must be an array but was: " + Json.write(items));
        }
        int maxConcurrency = 0;
        if (s.has("MaxConcurrency")) maxConcurrency = s.field("MaxConcurrency").asInt();
        else if (s.has("MaxConcurrencyPath")) maxConcurrency = integerAt(s, "MaxConcurrencyPath", effective, scope);
        if (maxConcurrency < 0) throw new StateFailure(ErrorNames.RUNTIME, "MaxConcurrency cannot be negative.");
        startDistributed(s, items, scope);
        Tolerance t = tolerance(s, effective, scope, null);
        JsonNode selector = s.has("ItemSelector") ? s.field("ItemSelector") : s.field("Parameters");
        ItemInput itemInput = (child, item) ->
                selector == null ? item : JsonPathProcessor.applyTemplate(selector, effective, child);
        JsonNode result = DistributedMapRunner.isDistributed(s)
                ? distributed.run(s, items, maxConcurrency, t, scope, itemInput::of, effective, null)
                : iterate(s, items, maxConcurrency, t, scope, itemInput);
        result = runner.resultSelector(s, result, scope);
        return runner.finishJsonPath(s, input, result, scope);
    }

    private interface ItemInput { JsonNode of(Scope child, JsonNode item); }

    /** A Map Run's MapStateStarted comes before its runtime settings are read (as AWS records it). */
    private static void startDistributed(State s, JsonNode items, Scope scope) {
        if (!DistributedMapRunner.isDistributed(s)) return;
        ObjectNode started = scope.details();
        if (started != null) started.put("length", items.size());
        scope.event("MapStateStarted", started);
    }

    private JsonNode iterate(State s, JsonNode items, int maxConcurrency, Tolerance unsized, Scope scope, ItemInput itemInput) {
        Tolerance tolerance = new Tolerance(unsized.configured, unsized.count, unsized.percentage, items.size());
        ObjectNode started = scope.details();
        if (started != null) started.put("length", items.size());
        long startedId = scope.event("MapStateStarted", started);
        StateMachine processor = s.itemProcessor();
        JsonNode[] results;
        try {
            results = ConcurrentBranches.run(scope.run, items.size(), maxConcurrency, (i, cancelled) -> {
                ObjectNode item = Json.object();
                item.put("Index", i);
                item.set("Value", items.get(i));
                Scope child = scope.child(item, () -> cancelled.getAsBoolean() || scope.cancelled(), startedId);
                child.stateName = s.name();
                child.enteredTime = scope.enteredTime;
                child.lastEventId = child.event("MapIterationStarted", iterationDetails(child, s, i));
                try {
                    JsonNode out = runner.run(processor, itemInput.of(child, items.get(i)), child);
                    child.event("MapIterationSucceeded", iterationDetails(child, s, i));
                    return out;
                } catch (StateFailure f) {
                    child.event("MapIterationFailed", iterationDetails(child, s, i));
                    throw f;
                } catch (ExecutionStopped e) {
                    child.event("MapIterationAborted", iterationDetails(child, s, i));
                    throw e;
                }
            }, tolerance::tolerate);
        } catch (ConcurrentBranches.Failed f) {
            scope.event("MapStateFailed", null);
            if (tolerance.configured) {
                throw new StateFailure(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded");
            }
            throw f.failure;
        }
        scope.event("MapStateSucceeded", null);
        ArrayNode out = Json.array();
        for (JsonNode r : results) out.add(r);
        return out;
    }

    private static ObjectNode iterationDetails(Scope child, State s, int index) {
        ObjectNode d = child.details();
        if (d != null) {
            d.put("name", s.name());
            d.put("index", index);
        }
        return d;
    }

    /** ToleratedFailureCount/Percentage; failing more than allowed fails the Map. */
    static final class Tolerance {
        final boolean configured;
        final int count;
        final double percentage;
        final int total;

        Tolerance(boolean configured, int count, double percentage, int total) {
            this.configured = configured;
            this.count = count;
            this.percentage = percentage;
            this.total = total;
        }

        boolean tolerate(int failures) {
            if (!configured) return false;
            if (count >= 0 && failures <= count) return true;
            return percentage >= 0 && total > 0 && failures * 100.0 / total <= percentage;
        }
    }

    private Tolerance tolerance(State s, JsonNode effective, Scope scope, JsonataEvaluator.Bindings b) {
        Integer count = null;
        Double pct = null;
        if (s.has("ToleratedFailureCount")) {
            JsonNode v = b != null ? JsonataEvaluator.evaluateTemplate(s.field("ToleratedFailureCount"), "ToleratedFailureCount", b)
                    : s.field("ToleratedFailureCount");
            count = integer(v, "ToleratedFailureCount");
        } else if (s.has("ToleratedFailureCountPath")) {
            count = integerAt(s, "ToleratedFailureCountPath", effective, scope);
        }
        if (s.has("ToleratedFailurePercentage")) {
            JsonNode v = b != null ? JsonataEvaluator.evaluateTemplate(s.field("ToleratedFailurePercentage"), "ToleratedFailurePercentage", b)
                    : s.field("ToleratedFailurePercentage");
            pct = v.asDouble();
        } else if (s.has("ToleratedFailurePercentagePath")) {
            String path = s.text("ToleratedFailurePercentagePath");
            JsonNode v = JsonPathProcessor.select(s.field("ToleratedFailurePercentagePath"), true, effective, scope);
            if (v.isTextual()) {
                try {
                    v = Json.NODES.numberNode(Double.parseDouble(v.textValue().trim()));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            if (!v.isNumber()) throw new StateFailure(ErrorNames.RUNTIME, "The ToleratedFailurePercentagePath field refers to value \""
                    + (v.isTextual() ? v.textValue() : Json.write(v)) + "\" which is not a valid float: " + path);
            pct = v.asDouble();
        }
        if (count != null && count < 0) throw new StateFailure(ErrorNames.RUNTIME, "ToleratedFailureCount cannot be negative.");
        if (pct != null && (pct < 0 || pct > 100)) throw new StateFailure(ErrorNames.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
        boolean configured = (count != null && count > 0) || (pct != null && pct > 0);
        return new Tolerance(configured, count == null ? -1 : count, pct == null ? -1 : pct, 0);
    }

    private static int integerAt(State s, String field, JsonNode effective, Scope scope) {
        String path = s.text(field);
        JsonNode v = JsonPathProcessor.select(s.field(field), true, effective, scope);
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (!v.isIntegralNumber()) throw new StateFailure(ErrorNames.RUNTIME, "The " + field + " field refers to value \""
                + (v.isTextual() ? v.textValue() : Json.write(v)) + "\" which is not a valid integer: " + path);
        return v.intValue();
    }

    private static int integer(JsonNode v, String field) {
        if (!v.isNumber()) throw new StateFailure(ErrorNames.RUNTIME, "The " + field + " field must be an integer but was: " + Json.write(v));
        return v.intValue();
    }
}
