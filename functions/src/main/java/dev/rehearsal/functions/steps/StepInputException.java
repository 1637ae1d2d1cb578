package dev.rehearsal.functions.steps;

/** The state machine passed a step an input it cannot use: a bug in the definition, not transient (never retried). */
public class StepInputException extends RuntimeException {
    public StepInputException(String message) {
        super(message);
    }
}
