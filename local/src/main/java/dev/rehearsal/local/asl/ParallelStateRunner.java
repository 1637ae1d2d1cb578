package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Runs a Parallel state's branches concurrently; the first branch failure fails the state. */
final class ParallelStateRunner {
    private final StateRunner runner;

    ParallelStateRunner(StateRunner runner) { this.runner = runner; }

    JsonNode run(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            JsonNode branchInput = s.has("Arguments") ? JsonataEvaluator.evaluateTemplate(s.field("Arguments"), "Arguments", b) : input;
            return runner.finishJsonata(s, b, branches(s, branchInput, scope));
        }
        JsonNode effective = runner.inputPath(s, input, scope);
        JsonNode branchInput = s.has("Parameters") ? JsonPathProcessor.applyTemplate(s.field("Parameters"), effective, scope) : effective;
        JsonNode result = runner.resultSelector(s, branches(s, branchInput, scope), scope);
        return runner.finishJsonPath(s, input, result, scope);
    }

    private JsonNode branches(State s, JsonNode branchInput, Scope scope) {
        long startedId = scope.event("ParallelStateStarted", null);
        JsonNode[] results;
        try {
            results = ConcurrentBranches.run(scope.run, s.branches().size(), 0, (i, cancelled) -> {
                Scope child = scope.child(null, () -> cancelled.getAsBoolean() || scope.cancelled(), startedId);
                return runner.run(s.branches().get(i), branchInput, child);
            }, failures -> false);
        } catch (ConcurrentBranches.Failed f) {
            scope.event("ParallelStateFailed", null);
            throw f.failure;
        }
        scope.event("ParallelStateSucceeded", null);
        ArrayNode out = Json.array();
        for (JsonNode r : results) out.add(r);
        return out;
    }
}
