package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One run of a state machine: status, output or error/cause, and its history. */
public final class Execution {
    private final String name;
    private final String arn;
    private final ExecutionHistory history;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile boolean stopRequested;
    private final boolean express;
    private final java.util.List<Execution> children = new java.util.concurrent.CopyOnWriteArrayList<>();

    Execution(String name, String arn, ExecutionHistory history) {
        this(name, arn, history, false);
    }

    Execution(String name, String arn, ExecutionHistory history, boolean express) {
        this.express = express;
        this.name = name;
        this.arn = arn;
        this.history = history;
    }

    public String name() { return name; }
    public String arn() { return arn; }
    public ExecutionStatus status() { return status; }
    public JsonNode output() { return output; }
    public String error() { return error; }
    public String cause() { return cause; }
    public ExecutionHistory history() { return history; }
    public boolean express() { return express; }

    /** The child executions its Distributed Map states started, in start order. */
    public java.util.List<Execution> children() { return java.util.List.copyOf(children); }

    void addChild(Execution child) { children.add(child); }

    /** What this execution and all its child executions did, as Step Functions bills and Lambda counts it. */
    public ExecutionUsage usage() { return ExecutionUsage.of(this); }

    /** Asks a running execution to stop; it ends ABORTED at its next state boundary or wait. */
    public void stop() { stopRequested = true; }

    boolean stopRequested() { return stopRequested; }

    /** Waits for the end of an execution started with {@link LocalExecutor#startAsync}. */
    public Execution await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!done.await(timeout, unit)) throw new IllegalStateException("Execution " + name + " still running");
        return this;
    }

    void finish(ExecutionStatus s, JsonNode out, String err, String cs) {
        this.output = out;
        this.error = err;
        this.cause = cs;
        this.status = s;
        done.countDown();
    }

    @Override
    public String toString() {
        return "Execution[" + name + " " + status + (error != null ? " " + error + ": " + cause : "")
                + (output != null ? " output=" + Json.write(output) : "") + "]";
    }
}
