package dev.rehearsal.local.cli;

import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.zone.ZoneRulesProvider;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reading the input file, begun on a second core while the main thread is still building the command line (picocli
 * takes ~0.1 s of a cold start; docs/PERFORMANCE.md, "Fifth round"). For
 * {@code rehearse validate FILE ...}, {@code test FILE ...} and {@code estimate FILE ...}, the file is read here exactly
 * as {@link InputFiles#load} reads it, and the command takes that result (or its failure) when it asks for the same
 * file. Reading is a function of the file's bytes, so the command sees what it would have read itself. When the first
 * argument after the command is not a file, this thread only compiles the workflow schema. Either way the time-zone
 * rules load on a thread of their own.
 */
final class Preload {
    /** The commands that read a workflow or suite file named by their first argument. */
    private static final Set<String> READERS = Set.of("validate", "test", "estimate");

    private record Early(Path file, CompletableFuture<InputFiles.Loaded> result) {
    }

    private static volatile Early early;
    private static volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    private Preload() {
    }

    static void start(String[] args) {
        if (args.length == 0 || !READERS.contains(args[0])) return;
        Path file = fileArgument(args);
        Early e = file == null ? null : new Early(file.toAbsolutePath().normalize(), new CompletableFuture<>());
        CompletableFuture<Void> finished = new CompletableFuture<>();
        early = e;
        done = finished;
        daemon("rehearse-preload", () -> {
            try {
                if (e != null) read(e, file);
                else WorkflowParser.preloadSchema(); // the schema document is read with the mapper, so both load
            } finally {
                finished.complete(null);
            }
        });
        // The time-zone rules, needed at the end of the read: their provider looks for others in every jar on the class
        // path (~100 opened, ~50 ms), so that runs beside the read rather than after it.
        daemon("rehearse-preload-zones", () -> {
            ZoneRulesProvider.getAvailableZoneIds();
            if (args[0].equals("test")) PersonaCatalog.builtIns();
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable ignored) {
                // start-up work only: the main thread meets the same failure where it can report it
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static Path fileArgument(String[] args) {
        if (args.length < 2 || args[1].startsWith("-")) return null;
        try {
            Path p = Path.of(args[1]);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static void read(Early e, Path file) {
        try {
            e.result().complete(InputFiles.loadNow(file));
        } catch (Throwable t) {
            e.result().completeExceptionally(t);
        }
    }

    /**
     * What the early read of {@code file} gave (its failure rethrown), once; null when none was made for it. Either way
     * the preload thread has finished when this returns: the parsers' schema checkers are not used from two threads.
     */
    static InputFiles.Loaded take(Path file) {
        Early e = early;
        early = null;
        done.join();
        if (e == null || !e.file().equals(file.toAbsolutePath().normalize())) return null;
        try {
            return e.result().join();
        } catch (CompletionException c) {
            if (c.getCause() instanceof RuntimeException r) throw r;
            if (c.getCause() instanceof Error err) throw err;
            throw c;
        }
    }
}
