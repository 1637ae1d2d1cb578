package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A finding about a workflow: what rule fired ({@code type}, stable), where (step id and the
 * step's JSON pointer), why, and how to fix it. {@code persona} is set for findings that come from
 * simulating a particular persona (e.g. a message sent after that persona opted out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(Severity severity, String type, String stepId, String pointer, String message,
                    String suggestion, String persona) {

    public static Issue of(Severity severity, String type, String stepId, String pointer, String message,
                           String suggestion) {
        return new Issue(severity, type, stepId, pointer, message, suggestion, null);
    }

    public Issue forPersona(String personaId) {
        return new Issue(severity, type, stepId, pointer, message, suggestion, personaId);
    }
}
