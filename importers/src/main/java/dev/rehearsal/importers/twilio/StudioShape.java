package dev.rehearsal.importers.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.importers.Sources;

import java.util.HashMap;
import java.util.Map;

/**
 * The structure a Studio flow definition must have before it can be converted (Twilio's
 * flow-definition schema, the parts the conversion relies on): {@code states[]} of objects with a
 * unique string {@code name}, a string {@code type}, {@code transitions[]} of objects with a string
 * {@code event} and an optional {@code next} naming a state; {@code initial_state} naming a state.
 * Every problem is reported, each at its pointer.
 */
final class StudioShape {
    private StudioShape() {
    }

    static void check(JsonNode root, Sources src) {
        if (!root.isObject()) {
            src.problem("", "invalid_export", "a Studio flow definition is a JSON object");
            return;
        }
        JsonNode states = root.path("states");
        if (!states.isArray() || states.isEmpty()) {
            src.problem("/states", "invalid_export", "states must be a non-empty array of widgets");
            return;
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < states.size(); i++) {
            JsonNode s = states.get(i);
            String at = "/states/" + i;
            if (!s.isObject()) {
                src.problem(at, "invalid_widget", "each state must be an object");
                continue;
            }
            if (!s.path("name").isTextual() || s.path("name").asText().isBlank()) {
                src.problem(at + "/name", "invalid_widget", "the widget has no name");
            } else {
                Integer prev = names.putIfAbsent(s.get("name").asText(), i);
                if (prev != null) src.problem(at + "/name", "duplicate_widget", "widget name '" + s.get("name").asText()
                        + "' is used twice (first at /states/" + prev + ")");
            }
            if (!s.path("type").isTextual()) src.problem(at + "/type", "invalid_widget", "the widget has no type");
            if (s.has("properties") && !s.get("properties").isObject()) {
                src.problem(at + "/properties", "invalid_widget", "properties must be an object");
            }
            JsonNode ts = s.path("transitions");
            if (!ts.isArray()) {
                src.problem(at + "/transitions", "invalid_widget", "transitions must be an array");
                continue;
            }
            for (int j = 0; j < ts.size(); j++) {
                JsonNode t = ts.get(j);
                if (!t.path("event").isTextual()) {
                    src.problem(at + "/transitions/" + j + "/event", "invalid_transition", "the transition has no event");
                }
                if (t.has("conditions") && !t.get("conditions").isArray()) {
                    src.problem(at + "/transitions/" + j + "/conditions", "invalid_transition", "conditions must be an array");
                }
            }
        }
        for (int i = 0; i < states.size(); i++) {
            JsonNode ts = states.get(i).path("transitions");
            for (int j = 0; j < ts.size(); j++) {
                JsonNode next = ts.get(j).path("next");
                if (next.isMissingNode() || next.isNull() || next.isTextual() && next.asText().isEmpty()) continue;
                if (!next.isTextual() || !names.containsKey(next.asText())) {
                    src.problem("/states/" + i + "/transitions/" + j + "/next", "dangling_transition",
                            "transition to widget '" + next.asText() + "', which is not in states");
                }
            }
        }
        JsonNode initial = root.path("initial_state");
        if (!initial.isTextual()) src.problem("/initial_state", "invalid_export", "initial_state must name the first widget");
        else if (!names.containsKey(initial.asText())) {
            src.problem("/initial_state", "dangling_transition", "initial_state '" + initial.asText() + "' is not in states");
        }
    }
}
