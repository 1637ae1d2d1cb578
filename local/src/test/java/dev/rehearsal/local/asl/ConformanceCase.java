package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One recorded AWS case from shared/asl-conformance (see its README). */
record ConformanceCase(Path file, String area, JsonNode json) {
    enum Kind { PURE_CLEAN, LAMBDA_ONLY, OTHER }

    static ConformanceCase load(Path file) {
        try {
            return new ConformanceCase(file, file.getParent().getFileName().toString(), Json.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String id() { return area + "/" + file.getFileName().toString().replaceFirst("\\.json$", ""); }

    boolean pure() { return json.path("pure").asBoolean(); }

    List<String> flags() {
        List<String> f = new ArrayList<>();
        json.path("flags").forEach(n -> f.add(n.asText()));
        return f;
    }

    List<String> requires() {
        List<String> r = new ArrayList<>();
        json.path("requires").forEach(n -> r.add(n.asText()));
        return r;
    }

    Kind kind() {
        if (pure() && flags().isEmpty()) return Kind.PURE_CLEAN;
        if (requires().equals(List.of("lambda")) && json.path("lambda_handlers").isObject()) return Kind.LAMBDA_ONLY;
        return Kind.OTHER;
    }

    JsonNode definition() { return json.get("definition"); }

    JsonNode input() { return json.has("input") ? json.get("input") : Json.object(); }

    JsonNode expected() { return json.get("expected"); }

    String test() { return json.path("source").path("test").asText(""); }

    /** Resource ARN -> handler file base name (id_function, raise_exception, ...). */
    Map<String, String> lambdaHandlers() {
        Map<String, String> m = new TreeMap<>();
        json.path("lambda_handlers").fields().forEachRemaining(e -> {
            String p = e.getValue().asText();
            m.put(e.getKey(), p.substring(p.lastIndexOf('/') + 1).replaceFirst("\\.py$", ""));
        });
        return m;
    }
}
