package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns the elements a {@link StreamedObject} reads into values on a second thread while the reading thread
 * parses the next ones, in batches, keeping their order: a 100k-step workflow's steps are schema-checked and
 * built on one core while the other reads JSON (docs/PERFORMANCE.md, "Big workflows"). When the worker falls
 * behind, the reading thread converts the next batch itself instead of waiting, so both cores stay busy and only
 * a few batches of element trees are ever held. Each thread gets its own function from {@code perThread} (so a
 * function need not be thread-safe), and applies it in element order within a batch. Without a worker
 * ({@code background} false) the reading thread applies one function element by element.
 *
 * @param <R> what each element becomes; the function returns null (or throws) to refuse an element
 */
public final class ElementPipeline<R> implements AutoCloseable {
    private static final int BATCH = 256;
    /** Batches handed to the worker and not yet done, beyond which the reading thread does the next batch itself. */
    private static final int MAX_WAITING = 2;
    private final Supplier<Function<JsonNode, R>> perThread;
    private final ExecutorService worker;
    private Function<JsonNode, R> workerFunction, readerFunction;
    private final Deque<Future<List<R>>> pending = new ArrayDeque<>();
    private final List<R> done = new ArrayList<>();
    private List<JsonNode> batch = new ArrayList<>(BATCH);
    private boolean refused;

    public ElementPipeline(boolean background, Supplier<Function<JsonNode, R>> perThread) {
        this.perThread = perThread;
        this.worker = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rehearsal-parse");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Hands over one element; false once an element was found refused (the caller can stop reading). */
    public boolean accept(JsonNode element) {
        if (refused) return false;
        if (worker == null) {
            if (readerFunction == null) readerFunction = perThread.get();
            R r = apply(readerFunction, element);
            if (r == null) refused = true;
            else done.add(r);
            return !refused;
        }
        batch.add(element);
        if (batch.size() == BATCH) submit();
        return !refused;
    }

    /** Every element's value in order, or null when one was refused. */
    public List<R> results() {
        if (worker != null) {
            submit();
            while (!pending.isEmpty()) collect(pending.poll());
        }
        return refused ? null : done;
    }

    private void submit() {
        if (batch.isEmpty()) return;
        List<JsonNode> b = batch;
        batch = new ArrayList<>(BATCH);
        while (!pending.isEmpty() && pending.peek().isDone()) collect(pending.poll());
        if (pending.size() < MAX_WAITING) {
            pending.add(worker.submit(() -> {
                if (workerFunction == null) workerFunction = perThread.get();
                return applyAll(workerFunction, b);
            }));
        } else {
            if (readerFunction == null) readerFunction = perThread.get();
            pending.add(CompletableFuture.completedFuture(applyAll(readerFunction, b)));
        }
    }

    private List<R> applyAll(Function<JsonNode, R> f, List<JsonNode> b) {
        List<R> out = new ArrayList<>(b.size());
        for (JsonNode e : b) {
            R r = apply(f, e);
            if (r == null) return null;
            out.add(r);
        }
        return out;
    }

    private void collect(Future<List<R>> next) {
        try {
            List<R> r = next.get();
            if (r == null) refused = true;
            else if (!refused) done.addAll(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused = true;
        } catch (ExecutionException e) {
            refused = true;
        }
    }

    private R apply(Function<JsonNode, R> f, JsonNode element) {
        try {
            return f.apply(element);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (worker != null) worker.shutdownNow();
    }
}
