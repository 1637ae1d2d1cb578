package dev.rehearsal.functions.run;

/**
 * Starts the execution of a run already written as RUNNING. On AWS: Step Functions
 * StartExecution ({@link StepFunctionsRunStarter}); the local runtime plugs in its own.
 * Implementations must be idempotent per run id (a retried start must not start twice).
 */
@FunctionalInterface
public interface RunStarter {
    void start(RunRef run);

    /**
     * Stops the run's execution if it is still going (Step Functions StopExecution; the local
     * executor's stop). Idempotent: stopping a finished or unknown execution does nothing. The
     * default, for starters whose executions cannot be stopped, does nothing: the steps then see the
     * run is no longer RUNNING and end it themselves.
     */
    default void stop(RunRef run) {
    }
}
