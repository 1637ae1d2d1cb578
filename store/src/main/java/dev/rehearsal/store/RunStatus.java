package dev.rehearsal.store;

/** A test run's state: RUNNING until the state machine completes it or marks it failed. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED
}
