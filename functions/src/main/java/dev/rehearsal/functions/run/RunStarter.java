package dev.rehearsal.functions.run;

/**
 * Starts the execution of a run already written as RUNNING. On AWS: Step Functions
 * StartExecution ({@link StepFunctionsRunStarter}); the local runtime plugs in its own.
 * Implementations must be idempotent per run id (a retried start must not start twice).
 */
@FunctionalInterface
public interface RunStarter {
    void start(RunRef run);
}
