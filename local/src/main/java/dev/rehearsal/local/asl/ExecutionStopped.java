package dev.rehearsal.local.asl;

/** Unwinds every branch when the execution is stopped, times out, or a sibling branch already failed. */
final class ExecutionStopped extends RuntimeException {
    final ExecutionStatus status;

    ExecutionStopped(ExecutionStatus status) {
        super(status.name(), null, false, false);
        this.status = status;
    }
}
