package dev.rehearsal.local.cli;

import dev.rehearsal.engine.workflow.WorkflowParser;

import java.util.Set;

/**
 * Start-up work every workflow-reading command needs, begun on a spare core while picocli reads the command line
 * (docs/PERFORMANCE.md, "CLI cold start"): the time-zone rules provider, whose ServiceLoader scan opens every jar on
 * the class path (~150, ~100 ms cold), and the workflow schema checker (a schema compilation per step type). The
 * main thread takes whatever is ready and builds the rest itself, so nothing waits on this thread.
 */
final class StartUp {
    private static final Set<String> READS_WORKFLOWS = Set.of("test", "validate", "estimate");

    private StartUp() {
    }

    static void begin(String[] args) {
        if (args.length == 0 || !READS_WORKFLOWS.contains(args[0])) return;
        Thread t = new Thread(() -> {
            try {
                java.time.ZoneId.of("America/New_York").getRules();
                WorkflowParser.prepare();
            } catch (RuntimeException | LinkageError e) {
                // best effort: the main thread meets (and reports) any real problem itself
            }
        }, "rehearse-start-up");
        t.setDaemon(true);
        t.start();
    }
}
