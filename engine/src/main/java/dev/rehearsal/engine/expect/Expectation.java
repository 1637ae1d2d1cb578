package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One assertion of a suite about how personas should walk the workflow. {@code personas} narrows
 * it to some personas (null: every persona of the suite). {@code minPassRate} is the share of walks
 * that must pass (null: 1.0, every walk).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(String type, String name, String step, Integer steps, String goal, Integer max,
                          List<String> personas, @JsonProperty("min_pass_rate") Double minPassRate) {

    public Expectation(String type, String name, String step, Integer steps, String goal, Integer max,
                       List<String> personas) {
        this(type, name, step, steps, goal, max, personas, null);
    }

    public double requiredRate() {
        return minPassRate == null ? 1.0 : minPassRate;
    }

    public String describe() {
        if (name != null) return name;
        String base = switch (type) {
            case "reaches_step" -> "reaches step '" + step + "'";
            case "never_reaches_step" -> "never reaches step '" + step + "'";
            case "reaches_step_within" -> "reaches step '" + step + "' within " + steps + " steps";
            case "ends_in_goal" -> goal == null ? "ends in a goal" : "ends in goal '" + goal + "'";
            case "no_message_after_opt_out" -> "no message after opt-out";
            case "max_messages" -> "at most " + max + " messages";
            default -> type;
        };
        return minPassRate == null || minPassRate >= 1.0 ? base
                : base + " in at least " + Math.round(minPassRate * 100) + "% of walks";
    }

    public boolean appliesTo(String personaId) {
        return personas == null || personas.isEmpty() || personas.contains(personaId);
    }
}
