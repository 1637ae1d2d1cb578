package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.concurrent.ExecutorService;

/** Everything one execution shares across its branches: machine, clock, tasks, history, deadline. */
final class ExecutionRun {
    final StateMachine machine;
    final Execution execution;
    final TaskRegistry registry;
    final Clock clock;
    final ExecutorOptions options;
    final ExecutorService pool;
    final JsonNode input;
    final Instant startTime;
    final Instant deadline;
    final String stateMachineArn;
    final String stateMachineName;
    /** EXPRESS: at most five minutes, no history quota (AWS keeps none); STANDARD: 25,000 history events. */
    final boolean express;
    volatile ExecutionStatus stoppedWith;
    volatile StateFailure failedWith;

    ExecutionRun(StateMachine machine, Execution execution, TaskRegistry registry, Clock clock,
                 ExecutorOptions options, ExecutorService pool, JsonNode input, String stateMachineName) {
        this(machine, execution, registry, clock, options, pool, input, stateMachineName, false);
    }

    ExecutionRun(StateMachine machine, Execution execution, TaskRegistry registry, Clock clock,
                 ExecutorOptions options, ExecutorService pool, JsonNode input, String stateMachineName, boolean express) {
        this.express = express;
        this.machine = machine;
        this.execution = execution;
        this.registry = registry;
        this.clock = clock;
        this.options = options;
        this.pool = pool;
        this.input = input;
        this.startTime = clock.now();
        Instant timeout = machine.timeoutSeconds() == null ? null : startTime.plusSeconds(machine.timeoutSeconds());
        Instant expressEnd = express ? startTime.plus(EXPRESS_MAX_DURATION) : null;
        this.deadline = timeout == null ? expressEnd : expressEnd == null || timeout.isBefore(expressEnd) ? timeout : expressEnd;
        this.stateMachineName = stateMachineName;
        this.stateMachineArn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":stateMachine:"
                + stateMachineName;
    }

    /** AWS quotas: a Standard execution's history holds 25,000 events; an Express execution runs five minutes. */
    static final int HISTORY_LIMIT = 25_000;
    static final java.time.Duration EXPRESS_MAX_DURATION = java.time.Duration.ofMinutes(5);

    ExecutionHistory history() { return execution.history(); }

    /** Throws when the whole execution must stop (StopExecution or its TimeoutSeconds). */
    void checkStopped() {
        if (stoppedWith != null) throw new ExecutionStopped(stoppedWith);
        if (!express && history().size() >= HISTORY_LIMIT - 1) {
            // AWS: event 25,000 may only be ExecutionSucceeded; any other next event fails the execution.
            failedWith = new StateFailure(ErrorNames.RUNTIME,
                    "The execution reached the maximum number of history events (" + HISTORY_LIMIT + ").");
            stoppedWith = ExecutionStatus.FAILED;
            throw new ExecutionStopped(stoppedWith);
        }
        if (execution.stopRequested()) {
            stoppedWith = ExecutionStatus.ABORTED;
            throw new ExecutionStopped(stoppedWith);
        }
        if (deadline != null && !clock.now().isBefore(deadline)) {
            stoppedWith = ExecutionStatus.TIMED_OUT;
            throw new ExecutionStopped(stoppedWith);
        }
    }

    /** Sleeps on the clock, but never past the execution deadline. */
    void sleepUntil(Instant until, Scope scope) {
        Instant target = deadline != null && until.isAfter(deadline) ? deadline : until;
        try {
            clock.sleepUntil(target, () -> execution.stopRequested() || scope.cancelled());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            execution.stop();
        }
        checkStopped();
        scope.checkCancelled();
    }

    ObjectNode contextBase() {
        ObjectNode ctx = Json.object();
        ObjectNode ex = ctx.putObject("Execution");
        ex.put("Id", execution.arn());
        ex.set("Input", input);
        ex.put("Name", execution.name());
        ex.put("RoleArn", options.roleArn());
        ex.put("StartTime", startTime.toString());
        ex.put("RedriveCount", 0);
        ObjectNode sm = ctx.putObject("StateMachine");
        sm.put("Id", stateMachineArn);
        sm.put("Name", stateMachineName);
        return ctx;
    }
}
