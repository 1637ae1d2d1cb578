package dev.rehearsal.store;

/**
 * A test run's state: RUNNING until the state machine completes it or marks it failed, or a
 * DELETE /tests/{id} cancels it. COMPLETED, FAILED and CANCELLED are final.
 */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED
}
