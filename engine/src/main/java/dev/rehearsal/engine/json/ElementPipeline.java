package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Turns the elements a {@link StreamedObject} reads into values on a second thread while the reading thread
 * parses the next ones, in batches, keeping their order: a 100k-step workflow's steps are schema-checked and
 * built on one core while the other reads JSON (docs/PERFORMANCE.md, "Big workflows"). One worker, so the
 * function runs on one thread at a time, in element order, as it would inline. A few batches at most wait for
 * the worker (the reader then waits), so only a bounded number of element trees is ever held. Without a worker
 * ({@code background} false) the reading thread applies the function itself, element by element.
 *
 * @param <R> what each element becomes; the function returns null (or throws) to refuse an element
 */
public final class ElementPipeline<R> implements AutoCloseable {
    private static final int BATCH = 256;
    private static final int MAX_WAITING = 8;
    private final Function<JsonNode, R> f;
    private final ExecutorService worker;
    private final Deque<Future<List<R>>> pending = new ArrayDeque<>();
    private final List<R> done = new ArrayList<>();
    private List<JsonNode> batch = new ArrayList<>(BATCH);
    private boolean refused;

    public ElementPipeline(boolean background, Function<JsonNode, R> f) {
        this.f = f;
        this.worker = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rehearsal-parse");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Hands over one element; false once an element was refused (the caller can stop reading). */
    public boolean accept(JsonNode element) {
        if (refused) return false;
        if (worker == null) {
            R r = apply(element);
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
            while (!pending.isEmpty()) collectOldest();
        }
        return refused ? null : done;
    }

    private void submit() {
        if (batch.isEmpty()) return;
        List<JsonNode> b = batch;
        batch = new ArrayList<>(BATCH);
        pending.add(worker.submit(() -> {
            List<R> out = new ArrayList<>(b.size());
            for (JsonNode e : b) {
                R r = apply(e);
                if (r == null) return null;
                out.add(r);
            }
            return out;
        }));
        while (pending.size() > MAX_WAITING) collectOldest();
    }

    private void collectOldest() {
        try {
            List<R> r = pending.poll().get();
            if (r == null) refused = true;
            else if (!refused) done.addAll(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused = true;
        } catch (ExecutionException e) {
            refused = true;
        }
    }

    private R apply(JsonNode element) {
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
