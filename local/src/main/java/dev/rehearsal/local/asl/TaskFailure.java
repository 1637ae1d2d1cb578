package dev.rehearsal.local.asl;

/** Thrown by a {@link TaskFunction} to fail its Task state with an error name (matched by Retry/Catch) and cause. */
public class TaskFailure extends Exception {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() { return error; }

    public String cause() { return cause; }
}
