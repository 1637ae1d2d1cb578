package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

/** Walks a state machine (or branch) state by state: input/output processing, Retry and Catch. */
final class StateRunner {
    /** Where to go after a state: next == null means the branch ended with this output. */
    record Step(JsonNode output, String next) {}

    /** The part of a state that Retry re-runs; returns the state output. */
    private interface Body { JsonNode run(); }

    private final TaskInvoker tasks = new TaskInvoker(this);
    private final MapStateRunner maps = new MapStateRunner(this);
    private final ParallelStateRunner parallels = new ParallelStateRunner(this);

    /** Runs from StartAt to an end state; failures propagate as {@link StateFailure}. */
    JsonNode run(StateMachine machine, JsonNode input, Scope scope) {
        String current = machine.startAt();
        JsonNode data = input;
        while (true) {
            scope.run.checkStopped();
            scope.checkCancelled();
            State state = machine.state(current);
            Step step = visit(state, data, scope);
            if (step.next() == null) return step.output();
            current = step.next();
            data = step.output();
        }
    }

    private Step visit(State s, JsonNode input, Scope scope) {
        ObjectNode entered = scope.details();
        if (entered != null) {
            entered.put("name", s.name());
            entered.set("input", input);
        }
        scope.enterState(s.name(), scope.event(s.type() + "StateEntered", entered));
        try {
            Step step = switch (s.type()) {
                case Pass -> new Step(withRetryAndCatch(s, input, scope, () -> pass(s, input, scope)).output(), s.next());
                case Task -> withRetryAndCatch(s, input, scope, () -> tasks.run(s, input, scope));
                case Map -> withRetryAndCatch(s, input, scope, () -> maps.run(s, input, scope));
                case Parallel -> withRetryAndCatch(s, input, scope, () -> parallels.run(s, input, scope));
                case Choice -> choice(s, input, scope);
                case Wait -> new Step(waitState(s, input, scope), s.next());
                case Succeed -> new Step(succeed(s, input, scope), null);
                case Fail -> throw fail(s, input, scope);
            };
            if (s.type() != State.Type.Fail) {
                ObjectNode exited = scope.details();
                if (exited != null) {
                    exited.put("name", s.name());
                    exited.set("output", step.output());
                }
                scope.event(s.type() + "StateExited", exited);
            }
            return s.end() ? new Step(step.output(), null) : step;
        } catch (StateFailure f) {
            throw located(f, scope);
        }
    }

    /** Prefixes executor-detected errors with the state and the event id it was entered at, as AWS does. */
    static StateFailure located(StateFailure f, Scope scope) {
        String e = f.error();
        if ((ErrorNames.RUNTIME.equals(e) || ErrorNames.QUERY_EVALUATION_ERROR.equals(e))
                && f.cause() != null && !f.cause().startsWith("An error occurred while executing the state")) {
            return new StateFailure(e, "An error occurred while executing the state '" + scope.stateName
                    + "' (entered at the event id #" + scope.enteredEventId + "). " + f.cause());
        }
        return f;
    }

    private Step withRetryAndCatch(State s, JsonNode input, Scope scope, Body body) {
        int[] attempts = new int[s.retriers().size()];
        while (true) {
            try {
                JsonNode out = body.run();
                return new Step(out, s.next());
            } catch (StateFailure raw) {
                StateFailure f = located(raw, scope);
                int r = RetryPolicy.findRetrier(s.retriers(), f.error());
                if (r >= 0 && attempts[r] < s.retriers().get(r).maxAttempts()) {
                    Duration d = RetryPolicy.delay(s.retriers().get(r), attempts[r]);
                    attempts[r]++;
                    scope.run.sleepUntil(scope.run.clock.now().plus(d), scope);
                    scope.retryCount++;
                    scope.invalidateContext();
                    continue;
                }
                State.Catcher c = RetryPolicy.findCatcher(s.catchers(), f.error());
                if (c == null) throw f;
                return new Step(caught(s, c, f, input, scope), c.next());
            }
        }
    }

    private JsonNode caught(State s, State.Catcher c, StateFailure f, JsonNode input, Scope scope) {
        ObjectNode errorOutput = Json.object();
        errorOutput.put("Error", f.error());
        errorOutput.put("Cause", f.cause() == null ? "" : f.cause());
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input).withErrorOutput(errorOutput);
            JsonNode out = c.output() == null ? errorOutput : JsonataEvaluator.evaluateTemplate(c.output(), "Output", b);
            assignJsonata(c.assign(), b, scope);
            return out;
        }
        Map<String, JsonNode> assigned = c.assign() == null ? null : jsonPathAssign(c.assign(), errorOutput, scope);
        JsonNode out = JsonPathProcessor.applyResultPath(c.resultPath(), c.hasResultPath(), input, errorOutput);
        if (assigned != null) scope.variables.putAll(assigned);
        return out;
    }

    // ---- Pass, Choice, Wait, Succeed, Fail ----

    private JsonNode pass(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            JsonNode out = s.has("Output") ? JsonataEvaluator.evaluateTemplate(s.field("Output"), "Output", b) : input;
            assignJsonata(s.field("Assign"), b, scope);
            return checkSize(s.name(), out);
        }
        JsonNode effective = inputPath(s, input, scope);
        JsonNode result;
        if (s.has("Result")) result = s.field("Result");
        else if (s.has("Parameters")) result = JsonPathProcessor.applyTemplate(s.field("Parameters"), effective, scope);
        else result = effective;
        return finishJsonPath(s, input, result, scope);
    }

    private Step choice(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            JsonNode choices = s.field("Choices");
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                JsonNode cond = rule.get("Condition");
                JsonNode v = JsonataEvaluator.isExpression(cond)
                        ? JsonataEvaluator.evaluate(JsonataEvaluator.body(cond.textValue()), "Condition", b) : cond;
                if (v == null || !v.isBoolean()) throw JsonataEvaluator.queryError("The Condition of Choices[" + i
                        + "] must evaluate to a boolean but was: " + Json.write(v));
                if (v.booleanValue()) {
                    JsonNode out = rule.has("Output") ? JsonataEvaluator.evaluateTemplate(rule.get("Output"), "Output", b) : input;
                    assignJsonata(rule.get("Assign"), b, scope);
                    return new Step(out, rule.get("Next").asText());
                }
            }
            String def = s.text("Default");
            if (def == null) throw new StateFailure(ErrorNames.NO_CHOICE_MATCHED, "No Choice Rules matched and no Default was specified.");
            JsonNode out = s.has("Output") ? JsonataEvaluator.evaluateTemplate(s.field("Output"), "Output", b) : input;
            assignJsonata(s.field("Assign"), b, scope);
            return new Step(out, def);
        }
        JsonNode effective = inputPath(s, input, scope);
        for (JsonNode rule : s.field("Choices")) {
            if (ChoiceEvaluator.matches(rule, effective, scope)) {
                Map<String, JsonNode> assigned = rule.has("Assign") ? jsonPathAssign(rule.get("Assign"), effective, scope) : null;
                JsonNode out = outputPath(s, effective, scope);
                if (assigned != null) scope.variables.putAll(assigned);
                return new Step(out, rule.get("Next").asText());
            }
        }
        String def = s.text("Default");
        if (def == null) throw new StateFailure(ErrorNames.NO_CHOICE_MATCHED,
                "No Choice Rules matched and no Default was specified.");
        Map<String, JsonNode> assigned = s.has("Assign") ? jsonPathAssign(s.field("Assign"), effective, scope) : null;
        JsonNode out = outputPath(s, effective, scope);
        if (assigned != null) scope.variables.putAll(assigned);
        return new Step(out, def);
    }

    private JsonNode waitState(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            scope.run.sleepUntil(WaitTime.jsonata(s, b, scope), scope);
            JsonNode out = s.has("Output") ? JsonataEvaluator.evaluateTemplate(s.field("Output"), "Output", b) : input;
            assignJsonata(s.field("Assign"), b, scope);
            return out;
        }
        JsonNode effective = inputPath(s, input, scope);
        scope.run.sleepUntil(WaitTime.jsonPath(s, effective, scope), scope);
        Map<String, JsonNode> assigned = s.has("Assign") ? jsonPathAssign(s.field("Assign"), effective, scope) : null;
        JsonNode out = outputPath(s, effective, scope);
        if (assigned != null) scope.variables.putAll(assigned);
        return out;
    }

    private JsonNode succeed(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            return s.has("Output") ? JsonataEvaluator.evaluateTemplate(s.field("Output"), "Output", b) : input;
        }
        return outputPath(s, inputPath(s, input, scope), scope);
    }

    private StateFailure fail(State s, JsonNode input, Scope scope) {
        String error;
        String cause;
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            error = textOrNull(s.has("Error") ? JsonataEvaluator.evaluateTemplate(s.field("Error"), "Error", b) : null);
            cause = textOrNull(s.has("Cause") ? JsonataEvaluator.evaluateTemplate(s.field("Cause"), "Cause", b) : null);
        } else {
            error = s.has("ErrorPath") ? failField(s, "ErrorPath", input, scope) : s.text("Error");
            cause = s.has("CausePath") ? failField(s, "CausePath", input, scope) : s.text("Cause");
        }
        return new StateFailure(error, cause);
    }

    private static String textOrNull(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return n.isTextual() ? n.textValue() : Json.write(n);
    }

    private static String failField(State s, String field, JsonNode input, Scope scope) {
        String expr = s.text(field);
        JsonNode v = JsonPathProcessor.evaluateValue(field, expr, input, scope);
        if (!v.isTextual()) throw new StateFailure(ErrorNames.RUNTIME, "The " + field + " field refers to value "
                + Json.write(v) + " which is not a valid string: " + expr);
        return v.textValue();
    }

    // ---- shared input/output processing ----

    JsonNode inputPath(State s, JsonNode input, Scope scope) {
        return JsonPathProcessor.select(s.field("InputPath"), s.has("InputPath"), input, scope);
    }

    JsonNode outputPath(State s, JsonNode output, Scope scope) {
        return JsonPathProcessor.select(s.field("OutputPath"), s.has("OutputPath"), output, scope);
    }

    /** ResultSelector already applied by the caller when relevant: Assign, ResultPath, OutputPath, size check. */
    JsonNode finishJsonPath(State s, JsonNode rawInput, JsonNode result, Scope scope) {
        Map<String, JsonNode> assigned = s.has("Assign") ? jsonPathAssign(s.field("Assign"), result, scope) : null;
        JsonNode withResult = JsonPathProcessor.applyResultPath(s.field("ResultPath"), s.has("ResultPath"), rawInput, result);
        JsonNode out = outputPath(s, withResult, scope);
        if (assigned != null) scope.variables.putAll(assigned);
        return checkSize(s.name(), out);
    }

    /** JSONata Output (default: the result) and Assign, both seeing the variables as they were before. */
    JsonNode finishJsonata(State s, JsonataEvaluator.Bindings b, JsonNode result) {
        JsonataEvaluator.Bindings withResult = b.withResult(result);
        JsonNode out = s.has("Output") ? JsonataEvaluator.evaluateTemplate(s.field("Output"), "Output", withResult) : result;
        assignJsonataTo(s.field("Assign"), withResult, b.variables());
        return checkSize(s.name(), out);
    }

    JsonNode resultSelector(State s, JsonNode result, Scope scope) {
        return s.has("ResultSelector") ? JsonPathProcessor.applyTemplate(s.field("ResultSelector"), result, scope) : result;
    }

    private Map<String, JsonNode> jsonPathAssign(JsonNode assign, JsonNode source, Scope scope) {
        JsonNode values = JsonPathProcessor.applyTemplate(assign, source, scope);
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        values.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void assignJsonata(JsonNode assign, JsonataEvaluator.Bindings b, Scope scope) {
        assignJsonataTo(assign, b, scope.variables);
    }

    private void assignJsonataTo(JsonNode assign, JsonataEvaluator.Bindings b, Map<String, JsonNode> variables) {
        if (assign == null) return;
        JsonNode values = JsonataEvaluator.evaluateTemplate(assign, "Assign", b);
        values.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
    }

    static JsonNode checkSize(String name, JsonNode out) {
        if (out != null && (out.isContainerNode() || out.isTextual())
                && estimateLarge(out) && Json.sizeInBytes(out) > ErrorNames.PAYLOAD_LIMIT_BYTES) {
            throw new StateFailure(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
        return out;
    }

    /** Cheap pre-check so small payloads are not serialized on every transition. */
    private static boolean estimateLarge(JsonNode n) {
        return approxSize(n, ErrorNames.PAYLOAD_LIMIT_BYTES / 8) < 0;
    }

    /** Remaining budget after counting characters in n (roughly), negative once exhausted. */
    private static long approxSize(JsonNode n, long budget) {
        if (budget < 0) return budget;
        if (n.isTextual()) return budget - n.textValue().length() * 4L - 2;
        if (n.isObject()) {
            budget -= 2;
            for (var it = n.fields(); it.hasNext() && budget >= 0; ) {
                var e = it.next();
                budget = approxSize(e.getValue(), budget - e.getKey().length() * 4L - 4);
            }
            return budget;
        }
        if (n.isArray()) {
            budget -= 2;
            for (int i = 0; i < n.size() && budget >= 0; i++) budget = approxSize(n.get(i), budget - 1);
            return budget;
        }
        return budget - 24;
    }
}
