package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;

/** Runs a Task state: builds the task input, dispatches to the registry, records task events, applies timeouts. */
final class TaskInvoker {
    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    private final StateRunner runner;

    TaskInvoker(StateRunner runner) { this.runner = runner; }

    JsonNode run(State s, JsonNode input, Scope scope) {
        if (s.jsonata()) {
            JsonataEvaluator.Bindings b = scope.bindings(input);
            JsonNode args = s.has("Arguments") ? JsonataEvaluator.evaluateTemplate(s.field("Arguments"), "Arguments", b) : input;
            Long timeout = s.has("TimeoutSeconds") ? JsonataEvaluator.evaluateTemplate(s.field("TimeoutSeconds"), "TimeoutSeconds", b).asLong() : null;
            JsonNode result = invoke(s, args, timeout, scope);
            return runner.finishJsonata(s, b, result);
        }
        JsonNode effective = runner.inputPath(s, input, scope);
        JsonNode params = s.has("Parameters") ? JsonPathProcessor.applyTemplate(s.field("Parameters"), effective, scope) : effective;
        Long timeout = null;
        if (s.has("TimeoutSeconds")) timeout = s.field("TimeoutSeconds").asLong();
        else if (s.has("TimeoutSecondsPath")) {
            timeout = JsonPathProcessor.select(s.field("TimeoutSecondsPath"), true, input, scope).asLong();
        }
        JsonNode result = invoke(s, params, timeout, scope);
        result = runner.resultSelector(s, result, scope);
        return runner.finishJsonPath(s, input, result, scope);
    }

    private JsonNode invoke(State s, JsonNode params, Long timeoutSeconds, Scope scope) {
        String resource = s.resource();
        boolean serviceInvoke = resource.startsWith(LAMBDA_INVOKE);
        boolean lambdaArn = !serviceInvoke && TaskRegistry.isLambdaArn(resource);
        String target = serviceInvoke ? params.path("FunctionName").asText(null) : resource;
        JsonNode payload = serviceInvoke ? params.path("Payload") : params;
        if (payload.isMissingNode() || payload.isNull()) payload = Json.object();
        if (serviceInvoke && payload.isTextual()) {
            // Lambda receives the Payload string as raw bytes, so a JSON text arrives parsed.
            try {
                payload = Json.parse(payload.textValue());
            } catch (IllegalArgumentException notJson) {
                // stays a string
            }
        }
        String prefix = lambdaArn ? "LambdaFunction" : "Task";

        ObjectNode scheduled = scope.details();
        if (scheduled != null) {
            if (lambdaArn) {
                scheduled.put("resource", resource);
                scheduled.set("input", params);
            } else {
                scheduled.put("resource", serviceInvoke ? "invoke" : resource);
                scheduled.put("resourceType", serviceInvoke ? "lambda" : "task");
                scheduled.put("region", scope.run.options.region());
                scheduled.put("parameters", Json.write(params));
            }
            if (timeoutSeconds != null) scheduled.put("timeoutInSeconds", timeoutSeconds);
        }
        scope.event(prefix + "Scheduled", scheduled);
        scope.event(prefix + "Started", null);

        Instant deadline = timeoutSeconds == null ? null : scope.run.clock.now().plusSeconds(timeoutSeconds);
        JsonNode result;
        try {
            TaskFunction fn = target == null ? null : scope.run.registry.lookup(target).orElse(null);
            if (fn == null) {
                if (serviceInvoke || lambdaArn) {
                    ExecutorOptions o = scope.run.options;
                    String arn = target != null && target.startsWith("arn:") ? target
                            : "arn:aws:lambda:" + o.region() + ":" + o.accountId() + ":function:" + target;
                    throw new TaskFailure("Lambda.ResourceNotFoundException", "Function not found: " + arn
                            + ":$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
                            + java.util.UUID.randomUUID() + "; Proxy: null)");
                }
                throw new TaskFailure(ErrorNames.TASK_FAILED, "No in-process task function is registered for resource '"
                        + target + "'");
            }
            result = fn.invoke(payload, new Context(resource, s.name(), scope, deadline));
            if (result == null) result = com.fasterxml.jackson.databind.node.NullNode.getInstance();
            if (deadline != null && scope.run.clock.now().isAfter(deadline)) throw new TaskFailure(ErrorNames.TIMEOUT, "");
            String who = serviceInvoke ? "lambda" : resource;
            StateRunner.checkSize(who, result);
            if (serviceInvoke) result = lambdaInvokeResponse(result);
        } catch (TaskFailure f) {
            ObjectNode failed = scope.details();
            if (failed != null) {
                failed.put("error", f.error());
                failed.put("cause", f.cause());
            }
            scope.event(prefix + (ErrorNames.TIMEOUT.equals(f.error()) ? "TimedOut" : "Failed"), failed);
            throw new StateFailure(f.error(), f.cause());
        } catch (StateFailure f) {
            ObjectNode failed = scope.details();
            if (failed != null) {
                failed.put("error", f.error());
                failed.put("cause", f.cause());
            }
            scope.event(prefix + "Failed", failed);
            throw f;
        } catch (ExecutionStopped e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A handler that throws behaves like an unhandled Lambda error: its type names the error.
            String error = e.getClass().getSimpleName();
            ObjectNode failed = scope.details();
            if (failed != null) {
                failed.put("error", error);
                failed.put("cause", String.valueOf(e.getMessage()));
            }
            scope.event(prefix + "Failed", failed);
            throw new StateFailure(error, String.valueOf(e.getMessage()));
        }
        ObjectNode ok = scope.details();
        if (ok != null) {
            ok.set("output", result);
            if (!lambdaArn) {
                ok.put("resource", serviceInvoke ? "invoke" : resource);
                ok.put("resourceType", serviceInvoke ? "lambda" : "task");
            }
        }
        scope.event(prefix + "Succeeded", ok);
        return result;
    }

    /** The shape AWS returns from arn:aws:states:::lambda:invoke. */
    private static JsonNode lambdaInvokeResponse(JsonNode payload) {
        ObjectNode r = Json.object();
        r.put("ExecutedVersion", "$LATEST");
        r.set("Payload", payload);
        ObjectNode meta = r.putObject("SdkHttpMetadata");
        ObjectNode headers = meta.putObject("HttpHeaders");
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", "$LATEST");
        meta.put("HttpStatusCode", 200);
        r.putObject("SdkResponseMetadata").put("RequestId", java.util.UUID.randomUUID().toString());
        r.put("StatusCode", 200);
        return r;
    }

    private static final class Context implements TaskContext {
        private final String resource;
        private final String stateName;
        private final Scope scope;
        private final Instant deadline;

        Context(String resource, String stateName, Scope scope, Instant deadline) {
            this.resource = resource;
            this.stateName = stateName;
            this.scope = scope;
            this.deadline = deadline;
        }

        @Override public String resource() { return resource; }
        @Override public String stateName() { return stateName; }
        @Override public JsonNode contextObject() { return scope.contextObject(); }
        @Override public Instant now() { return scope.run.clock.now(); }

        @Override
        public void sleep(Duration d) throws TaskFailure {
            Instant until = now().plus(d);
            boolean timesOut = deadline != null && until.isAfter(deadline);
            scope.run.sleepUntil(timesOut ? deadline : until, scope);
            if (timesOut) throw new TaskFailure(ErrorNames.TIMEOUT, "");
        }
    }
}
