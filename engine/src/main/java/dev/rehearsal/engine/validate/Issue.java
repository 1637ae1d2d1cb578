package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Set;

/**
 * A finding about a workflow: what rule fired ({@code type}, stable), where (step id and the
 * step's JSON pointer), why, and how to fix it. {@code persona} is set for findings that come from
 * simulating a particular persona (e.g. a message sent after that persona opted out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(Severity severity, String type, @JsonProperty("step_id") @JsonAlias("stepId") String stepId, String pointer, String message,
                    String suggestion, String persona, Integer walks, @JsonProperty("of_walks") Integer ofWalks) {
    /**
     * Findings about the simulator or the provider, not the workflow: shown, but never counted in the
     * workflow's score and never failing a run by themselves (docs/REPORT.md, "Attribution").
     */
    public static final Set<String> NOT_THE_WORKFLOW = Set.of("provider_unavailable", "out_of_character",
            "llm_analysis_failed");

    public Issue(Severity severity, String type, String stepId, String pointer, String message, String suggestion,
                 String persona) {
        this(severity, type, stepId, pointer, message, suggestion, persona, null, null);
    }

    /** True when the finding is about the workflow itself (and so counts in its score and verdict). */
    public boolean aboutWorkflow() {
        return !NOT_THE_WORKFLOW.contains(type);
    }

    /** Whether this finding fails the run: an error-level finding about the workflow. */
    public boolean failsRun() {
        return severity.failsRun() && aboutWorkflow();
    }

    /** The same finding seen in {@code walks} of the persona's {@code ofWalks} walks. */
    public Issue inWalks(int seen, int of) {
        return new Issue(severity, type, stepId, pointer, message, suggestion, persona, seen, of);
    }

    public static Issue of(Severity severity, String type, String stepId, String pointer, String message,
                           String suggestion) {
        return new Issue(severity, type, stepId, pointer, message, suggestion, null);
    }

    public Issue forPersona(String personaId) {
        return new Issue(severity, type, stepId, pointer, message, suggestion, personaId, walks, ofWalks);
    }
}
