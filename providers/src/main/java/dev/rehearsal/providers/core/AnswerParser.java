package dev.rehearsal.providers.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.Problem;

import java.util.List;

/** Turns a model's text into a schema-valid JSON tree, or the list of reasons it is not one. */
public final class AnswerParser {
    private AnswerParser() {
    }

    public record Parsed(JsonNode value, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Parsed parse(String text, JobSchema schema) {
        String json = extractObject(text);
        if (json == null) return new Parsed(null, List.of("the answer contains no JSON object"));
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return new Parsed(null, List.of("malformed JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = schema.checker().check(node, null).stream().sorted().map(Problem::describe).toList();
        return new Parsed(problems.isEmpty() ? node : null, problems);
    }

    /** Models without enforced output sometimes wrap JSON in prose or a ``` fence; keep the object. */
    static String extractObject(String text) {
        if (text == null) return null;
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        return start < 0 || end < start ? null : text.substring(start, end + 1);
    }
}
