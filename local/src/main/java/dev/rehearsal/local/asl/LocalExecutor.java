package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs state machines in-process. Tasks go to the {@link TaskRegistry}; time goes through the {@link Clock}
 * (a {@link VirtualClock} makes Wait and Retry instant).
 */
public final class LocalExecutor implements AutoCloseable {
    private final TaskRegistry registry;
    private final Clock clock;
    private final ExecutorOptions options;
    private final ExecutorService pool;
    private final StateRunner runner = new StateRunner();

    public LocalExecutor(TaskRegistry registry, Clock clock, ExecutorOptions options) {
        this.registry = registry;
        this.clock = clock;
        this.options = options;
        this.pool = Executors.newCachedThreadPool(daemonThreads());
    }

    public LocalExecutor(TaskRegistry registry) {
        this(registry, Clock.system(), ExecutorOptions.defaults());
    }

    /** Runs to completion on the calling thread and returns the finished execution. */
    public Execution start(StateMachine machine, JsonNode input, String executionName) {
        Prepared p = prepare(machine, input, executionName);
        execute(p);
        return p.run.execution;
    }

    public Execution start(StateMachine machine, String inputJson, String executionName) {
        return start(machine, Json.parse(inputJson), executionName);
    }

    /** Starts on a background thread; use {@link Execution#await} and {@link Execution#stop}. */
    public Execution startAsync(StateMachine machine, JsonNode input, String executionName) {
        Prepared p = prepare(machine, input, executionName);
        pool.submit(() -> execute(p));
        return p.run.execution;
    }

    private record Prepared(ExecutionRun run, JsonNode input) {}

    private Prepared prepare(StateMachine machine, JsonNode input, String executionName) {
        String name = executionName == null ? UUID.randomUUID().toString() : executionName;
        String machineName = machine.name() == null ? "local-state-machine" : machine.name();
        String arn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":execution:" + machineName + ":" + name;
        JsonNode in = input == null ? Json.object() : input;
        Execution execution = new Execution(name, arn, new ExecutionHistory(clock));
        return new Prepared(new ExecutionRun(machine, execution, registry, clock, options, pool, in, machineName), in);
    }

    private void execute(Prepared p) {
        execute(p.run(), p.input(), runner, null);
    }

    /**
     * Runs one execution to its end and records it: the top-level ones and a Distributed Map's child executions.
     * {@code parentCancelled} (children only) aborts the execution when its Map Run is given up.
     */
    static void execute(ExecutionRun run, JsonNode input, StateRunner runner, java.util.function.BooleanSupplier parentCancelled) {
        Execution execution = run.execution;
        Scope top = new Scope(run, new HashMap<>(), null, parentCancelled, 0);
        ObjectNode started = top.details();
        if (started != null) {
            started.set("input", input);
            started.put("roleArn", run.options.roleArn());
        }
        top.event("ExecutionStarted", started);
        try {
            JsonNode output = runner.run(run.machine, input, top);
            ObjectNode d = top.details();
            if (d != null) d.set("output", output);
            top.event("ExecutionSucceeded", d);
            execution.finish(ExecutionStatus.SUCCEEDED, output, null, null);
        } catch (StateFailure f) {
            failed(top, execution, f);
        } catch (ExecutionStopped s) {
            if (s.status == ExecutionStatus.FAILED && run.failedWith != null) {
                failed(top, execution, run.failedWith);
                return;
            }
            top.event(s.status == ExecutionStatus.TIMED_OUT ? "ExecutionTimedOut" : "ExecutionAborted", null);
            execution.finish(s.status, null, null, null);
        } catch (RuntimeException | Error e) {
            // Also Errors (a handler's StackOverflowError): the execution must end, never hang RUNNING.
            ObjectNode d = top.details();
            if (d != null) {
                d.put("error", ErrorNames.RUNTIME);
                d.put("cause", String.valueOf(e));
            }
            top.event("ExecutionFailed", d);
            execution.finish(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, "Internal executor error: " + e);
        }
    }

    private static void failed(Scope top, Execution execution, StateFailure f) {
        ObjectNode d = top.details();
        if (d != null) {
            if (f.error() != null) d.put("error", f.error());
            if (f.cause() != null) d.put("cause", f.cause());
        }
        top.event("ExecutionFailed", d);
        execution.finish(ExecutionStatus.FAILED, null, f.error(), f.cause());
    }

    @Override
    public void close() { pool.shutdownNow(); }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "asl-branch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
