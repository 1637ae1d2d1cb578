package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Task resources to in-process functions. A plain Lambda ARN, a bare function name and
 * the ARN with a version/alias suffix all reach the same function, so
 * {@code arn:aws:states:::lambda:invoke} with Parameters.FunctionName works too.
 */
public final class TaskRegistry {
    private final Map<String, TaskFunction> functions = new ConcurrentHashMap<>();

    public TaskRegistry register(String resource, TaskFunction fn) {
        functions.put(resource, fn);
        return this;
    }

    public Optional<TaskFunction> lookup(String resource) {
        if (resource == null) return Optional.empty();
        TaskFunction f = functions.get(resource);
        if (f != null) return Optional.of(f);
        String name = lambdaFunctionName(resource);
        if (name == null) return Optional.empty();
        for (var e : functions.entrySet()) {
            if (name.equals(lambdaFunctionName(e.getKey()))) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    /** "arn:aws:lambda:r:a:function:NAME[:qualifier]" or a bare name -> NAME. */
    static String lambdaFunctionName(String resource) {
        if (resource.startsWith("arn:")) {
            String[] parts = resource.split(":");
            if (parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function")) return parts[6];
            return null;
        }
        return resource.contains(":") ? resource.substring(0, resource.indexOf(':')) : resource;
    }

    static boolean isLambdaArn(String resource) {
        return resource.startsWith("arn:") && resource.split(":").length >= 7 && resource.split(":")[2].equals("lambda");
    }

    /** Convenience for functions that never fail. */
    public TaskRegistry register(String resource, java.util.function.Function<JsonNode, JsonNode> fn) {
        return register(resource, (in, ctx) -> fn.apply(in));
    }
}
