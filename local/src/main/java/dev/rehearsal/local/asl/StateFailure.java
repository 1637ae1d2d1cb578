package dev.rehearsal.local.asl;

/** A state failed with an ASL error name and a cause; handled by Retry/Catch or fails the execution. */
public class StateFailure extends RuntimeException {
    private final String error;
    private final String cause;

    public StateFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() { return error; }

    public String cause() { return cause; }
}
