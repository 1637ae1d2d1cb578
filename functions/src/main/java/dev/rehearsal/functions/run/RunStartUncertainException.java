package dev.rehearsal.functions.run;

/**
 * The start request's outcome is unknown (a timeout or a dropped connection): the execution may
 * exist. The run is left RUNNING so a retry with the same Idempotency-Key starts it, idempotently.
 */
public class RunStartUncertainException extends RuntimeException {
    public RunStartUncertainException(String message, Throwable cause) {
        super(message, cause);
    }
}
