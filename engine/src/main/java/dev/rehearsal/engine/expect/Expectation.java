package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One assertion of a suite about how personas should walk the workflow. {@code personas} narrows
 * it to some personas (null: every persona of the suite).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(String type, String name, String step, Integer steps, String goal, Integer max,
                          List<String> personas) {

    public String describe() {
        if (name != null) return name;
        return switch (type) {
            case "reaches_step" -> "reaches step '" + step + "'";
            case "never_reaches_step" -> "never reaches step '" + step + "'";
            case "reaches_step_within" -> "reaches step '" + step + "' within " + steps + " steps";
            case "ends_in_goal" -> goal == null ? "ends in a goal" : "ends in goal '" + goal + "'";
            case "no_message_after_opt_out" -> "no message after opt-out";
            case "max_messages" -> "at most " + max + " messages";
            default -> type;
        };
    }

    public boolean appliesTo(String personaId) {
        return personas == null || personas.isEmpty() || personas.contains(personaId);
    }
}
