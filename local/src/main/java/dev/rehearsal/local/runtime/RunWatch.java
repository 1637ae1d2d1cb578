package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.reconcile.ReconcileRun;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What EventBridge and the state machine's TimeoutSeconds do in AWS, for the local executor: every
 * run has a deadline in real time (its creation plus the run timeout); past it the run is FAILED
 * {@code timed_out} and its execution stopped. An execution that ends FAILED, TIMED_OUT or ABORTED is
 * handed to {@link ReconcileRun} as the "Execution Status Change" event AWS would send.
 */
final class RunWatch implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(200);

    private record Watched(RunRef run, Execution execution, Instant deadline) {
    }

    private final Store store;
    private final ReconcileRun reconciler;
    private final String stateMachineArn;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration runTimeout;

    RunWatch(Store store, ReconcileRun reconciler, String stateMachineArn, Duration runTimeout) {
        this.store = store;
        this.reconciler = reconciler;
        this.stateMachineArn = stateMachineArn;
        this.runTimeout = runTimeout;
        timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    void runTimeout(Duration timeout) {
        this.runTimeout = timeout;
    }

    Duration runTimeout() {
        return runTimeout;
    }

    /** Watches a started execution; the deadline counts from the run's creation, so a resumed run keeps its own. */
    void watch(RunRef run, Execution execution) {
        Instant created = store.runs().get(run.accountId(), run.runId())
                .map(r -> Instant.parse(r.createdAt())).orElse(Instant.now());
        watched.putIfAbsent(run.runId(), new Watched(run, execution, created.plus(runTimeout)));
    }

    private void tick() {
        for (Watched w : watched.values()) {
            try {
                ExecutionStatus status = w.execution().status();
                if (status == ExecutionStatus.RUNNING) {
                    if (!Instant.now().isBefore(w.deadline())) timeOut(w);
                    continue;
                }
                watched.remove(w.run().runId());
                if (status != ExecutionStatus.SUCCEEDED) reconciler.handle(event(w, status));
            } catch (RuntimeException e) {
                // the next tick tries again; a watch must never die
            }
        }
    }

    private void timeOut(Watched w) {
        try {
            store.runs().finish(w.run().accountId(), w.run().runId(), RunStatus.FAILED,
                    "timed_out: the run did not finish within " + runTimeout.toSeconds() + " s");
        } catch (ConflictException e) {
            // it ended meanwhile
        }
        w.execution().stop();
    }

    /** The "Step Functions Execution Status Change" event of an ended execution. */
    private ObjectNode event(Watched w, ExecutionStatus status) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("version", "0");
        e.put("detail-type", "Step Functions Execution Status Change");
        e.put("source", "aws.states");
        ObjectNode d = e.putObject("detail");
        d.put("executionArn", w.execution().arn());
        d.put("stateMachineArn", stateMachineArn);
        d.put("name", w.execution().name());
        d.put("status", status.name());
        d.put("input", Json.write(w.run()));
        if (w.execution().error() != null) d.put("error", w.execution().error());
        return e;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
