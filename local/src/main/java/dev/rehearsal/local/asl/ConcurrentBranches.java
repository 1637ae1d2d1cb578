package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs n Map iterations or Parallel branches on at most `limit` threads, keeping results in index order.
 * The first failure that is not tolerated cancels the rest.
 */
final class ConcurrentBranches {
    interface Branch { JsonNode run(int index, BooleanSupplier cancelled); }

    /** Decides whether one more failure can be absorbed (Map tolerated failures); Parallel tolerates none. */
    interface Tolerance { boolean tolerate(int failuresSoFar); }

    /** Raised when failures exceed what is tolerated; carries the failure that tipped it. */
    static final class Failed extends RuntimeException {
        final StateFailure failure;
        Failed(StateFailure f) {
            super(f.getMessage(), null, false, false);
            failure = f;
        }
    }

    private ConcurrentBranches() {}

    static JsonNode[] run(ExecutionRun run, int n, int limit, Branch branch, Tolerance tolerance) {
        JsonNode[] results = new JsonNode[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<StateFailure> firstFailure = new AtomicReference<>();
        AtomicReference<RuntimeException> unexpected = new AtomicReference<>();
        BooleanSupplier cancelled = stop::get;
        Runnable worker = () -> {
            while (!stop.get()) {
                int i = next.getAndIncrement();
                if (i >= n) return;
                try {
                    results[i] = branch.run(i, cancelled);
                } catch (StateFailure f) {
                    if (tolerance.tolerate(failures.incrementAndGet())) {
                        ObjectNodeHolder.put(results, i, f);
                    } else {
                        firstFailure.compareAndSet(null, f);
                        stop.set(true);
                    }
                } catch (ExecutionStopped e) {
                    if (!stop.get()) {
                        unexpected.compareAndSet(null, e);
                        stop.set(true);
                    }
                } catch (RuntimeException e) {
                    unexpected.compareAndSet(null, e);
                    stop.set(true);
                }
            }
        };
        int threads = Math.min(n, limit <= 0 ? run.options.maxThreadsPerMap() : Math.min(limit, run.options.maxThreadsPerMap()));
        if (threads <= 1) {
            worker.run();
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 1; t < threads; t++) futures.add(run.pool.submit(worker));
            worker.run();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExecutionStopped(ExecutionStatus.ABORTED);
                } catch (ExecutionException e) {
                    unexpected.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
        }
        if (unexpected.get() != null) throw unexpected.get();
        if (firstFailure.get() != null) throw new Failed(firstFailure.get());
        return results;
    }

    /** Tolerated failures leave their error output in the result list. */
    private static final class ObjectNodeHolder {
        static void put(JsonNode[] results, int i, StateFailure f) {
            var o = Json.object();
            o.put("Error", f.error());
            o.put("Cause", f.cause());
            results[i] = o;
        }
    }
}
