package dev.rehearsal.engine;

import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Walks (persona, walk) pairs, several at once. Results are kept in (persona, walk) order whatever order
 * they finish in, so the report is the same bytes for any concurrency. Each walk's draws are keyed by
 * its own index, so walking them in parallel changes nothing but the wall time.
 */
final class WalkPool {
    private final Workflow wf;
    private final List<Persona> personas;
    private final PersonaResponder responder;
    private final SimulationOptions options;
    private final int concurrency;
    private final Rehearsal.Progress progress;
    private final ReplyClassifier classifier;
    private final Runnable walkEnded;
    private final List<List<PersonaRun>> walks = new ArrayList<>();

    /** {@code walkEnded}: told each time a walk ends (null: nobody). */
    WalkPool(Workflow wf, List<Persona> personas, PersonaResponder responder, SimulationOptions options, int concurrency,
             Rehearsal.Progress progress, ReplyClassifier classifier, Runnable walkEnded) {
        this.walkEnded = walkEnded;
        this.classifier = classifier;
        this.wf = wf;
        this.personas = personas;
        this.responder = responder;
        this.options = options;
        this.concurrency = Math.max(1, concurrency);
        this.progress = progress;
        for (int i = 0; i < personas.size(); i++) walks.add(new ArrayList<>());
    }

    /** Walks {@code from} (inclusive) to {@code to} (exclusive) of every persona. */
    void walk(int from, int to) {
        if (concurrency == 1) {
            for (int p = 0; p < personas.size(); p++) {
                for (int w = from; w < to; w++) walks.get(p).add(SimulationRunner.run(wf, personas.get(p), responder, options, classifier, w));
                report(p, to);
            }
            return;
        }
        ExecutorService exec = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "rehearsal-walk"));
        // Earlier looks' walks, frozen: the main thread appends to walks while workers report progress.
        List<List<PersonaRun>> before = walks.stream().map(List::copyOf).toList();
        try {
            List<List<Future<PersonaRun>>> futures = new ArrayList<>();
            for (int p = 0; p < personas.size(); p++) {
                final int pi = p;
                AtomicInteger left = new AtomicInteger(to - from);
                Queue<PersonaRun> finished = new ConcurrentLinkedQueue<>();
                List<Future<PersonaRun>> fs = new ArrayList<>();
                // Walk-major submission: every persona makes progress early (LLM runs show lines sooner).
                for (int w = from; w < to; w++) {
                    final int wi = w;
                    fs.add(exec.submit(() -> {
                        PersonaRun r;
                        try {
                            r = SimulationRunner.run(wf, personas.get(pi), responder, options, classifier, wi);
                        } finally {
                            if (walkEnded != null) walkEnded.run();
                        }
                        finished.add(r);
                        if (left.decrementAndGet() == 0) done(pi, before.get(pi), finished, to);
                        return r;
                    }));
                }
                futures.add(fs);
            }
            for (int p = 0; p < personas.size(); p++) {
                for (Future<PersonaRun> f : futures.get(p)) walks.get(p).add(get(f));
            }
        } finally {
            exec.shutdownNow();
        }
    }

    private void done(int p, List<PersonaRun> before, Queue<PersonaRun> finished, int planned) {
        if (progress == null) return;
        List<PersonaRun> all = new ArrayList<>(before);
        all.addAll(finished);
        all.sort(java.util.Comparator.comparingInt(PersonaRun::walk));
        synchronized (this) {
            progress.personaWalked(personas.get(p), all, planned);
        }
    }

    private synchronized void report(int p, int planned) {
        if (progress != null) progress.personaWalked(personas.get(p), List.copyOf(walks.get(p)), planned);
    }

    private static PersonaRun get(Future<PersonaRun> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while walking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A daemon thread: a CLI run that ends never waits for the rehearsal's workers. */
    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Every walk so far, persona by persona, each persona's walks in index order. */
    List<PersonaRun> runs() {
        List<PersonaRun> out = new ArrayList<>();
        for (List<PersonaRun> w : walks) out.addAll(w);
        return out;
    }
}
