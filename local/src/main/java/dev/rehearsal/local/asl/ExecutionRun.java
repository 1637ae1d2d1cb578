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
    volatile ExecutionStatus stoppedWith;

    ExecutionRun(StateMachine machine, Execution execution, TaskRegistry registry, Clock clock,
                 ExecutorOptions options, ExecutorService pool, JsonNode input, String stateMachineName) {
        this.machine = machine;
        this.execution = execution;
        this.registry = registry;
        this.clock = clock;
        this.options = options;
        this.pool = pool;
        this.input = input;
        this.startTime = clock.now();
        this.deadline = machine.timeoutSeconds() == null ? null : startTime.plusSeconds(machine.timeoutSeconds());
        this.stateMachineName = stateMachineName;
        this.stateMachineArn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":stateMachine:"
                + stateMachineName;
    }

    ExecutionHistory history() { return execution.history(); }

    /** Throws when the whole execution must stop (StopExecution or its TimeoutSeconds). */
    void checkStopped() {
        if (stoppedWith != null) throw new ExecutionStopped(stoppedWith);
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
