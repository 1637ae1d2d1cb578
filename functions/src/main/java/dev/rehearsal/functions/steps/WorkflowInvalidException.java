package dev.rehearsal.functions.steps;

/** The run's workflow does not parse or has critical structural issues: the run fails fast with them. */
public class WorkflowInvalidException extends RuntimeException {
    public WorkflowInvalidException(String message) {
        super(message);
    }
}
