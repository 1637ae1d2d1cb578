package dev.rehearsal.engine.bench;

import dev.rehearsal.engine.flow.FlowAnalysis;
import dev.rehearsal.engine.flow.FlowValidator;
import dev.rehearsal.engine.hunt.BranchHunter;
import dev.rehearsal.engine.hunt.HuntResult;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Times the data-flow pass (with its findings) on diamond ladders of 1k to 100k steps, and branch
 * hunting on a 100-step workflow with 20 transitions no walk took. Prints Markdown rows for
 * docs/PERFORMANCE.md: the first run in a fresh JVM (cold) and the best of N after it (warm).
 *
 * <pre>mvn -q -o -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.rehearsal.engine.bench.FlowBenchmark</pre>
 */
public final class FlowBenchmark {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("Java %s, %d cores, best of %d runs after the cold one%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.println("| what | size | cold ms | warm ms | result |");
        System.out.println("| --- | ---: | ---: | ---: | --- |");
        Workflow hunted = huntWorkflow(20);
        Set<String> targets = lateBranches(20);
        // hunting first, so its cold figure is a truly cold JVM
        timed("branch hunt (20 late-reply branches)", hunted.steps().size(), runs, () -> {
            HuntResult r = BranchHunter.hunt(hunted, FlowAnalysis.of(hunted), PersonaCatalog.builtIns().get(0),
                    SimulationOptions.defaults(42), targets, BranchHunter.DEFAULT_BUDGET, List.of());
            return r.witnesses().size() + " witnessed, " + r.unknown().size() + " unknown, " + r.stepsUsed() + " simulator steps";
        });
        for (int n : new int[]{1_000, 10_000, 100_000}) {
            Workflow w = WorkflowParser.parseOrThrow(ValidationBenchmark.generate("ladder", n));
            timed("data-flow pass + findings, diamond ladder", w.steps().size(), runs,
                    () -> new FlowValidator().validate(w).size() + " findings");
            // the same run's structural validator, as a yardstick on a machine whose load varies
            timed("(reference) StructuralValidator, same ladder", w.steps().size(), runs,
                    () -> new dev.rehearsal.engine.validate.StructuralValidator().validate(w).size() + " findings");
        }
    }

    private interface Job {
        String run();
    }

    private static void timed(String what, int size, int runs, Job job) {
        System.gc();
        long t0 = System.nanoTime();
        String result = job.run();
        long cold = System.nanoTime() - t0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            System.gc();
            long s = System.nanoTime();
            job.run();
            best = Math.min(best, System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "| %s | %,d steps | %.1f | %.1f | %s |%n", what, size, cold / 1e6, best / 1e6, result);
    }

    /**
     * {@code rungs} rungs of 5 steps: ask (sms) -> wait 1h (on_reply: next rung; on_timeout: delay 1d)
     * -> check (replied: ack; default: next rung); ack (sms) -> next rung. Only a reply that comes after
     * the hour takes a check's "late" branch.
     */
    static Workflow huntWorkflow(int rungs) {
        StringBuilder b = new StringBuilder("{\"id\": \"hunt\", \"name\": \"Hunt\", \"start\": \"m0\", \"settings\": {\"max_steps\": 200}, \"steps\": [");
        for (int r = 0; r < rungs; r++) {
            String next = r + 1 < rungs ? "m" + (r + 1) : "done";
            b.append("{\"id\": \"m").append(r).append("\", \"type\": \"send_sms\", \"config\": {\"body\": \"Question ").append(r)
                    .append("? Reply STOP to opt out.\"}, \"next\": \"w").append(r).append("\"},")
                    .append("{\"id\": \"w").append(r).append("\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"1h\"}, \"on_reply\": \"")
                    .append(next).append("\", \"on_timeout\": \"d").append(r).append("\"},")
                    .append("{\"id\": \"d").append(r).append("\", \"type\": \"delay\", \"config\": {\"duration\": \"1d\"}, \"next\": \"k").append(r).append("\"},")
                    .append("{\"id\": \"k").append(r).append("\", \"type\": \"condition\", \"branches\": [{\"label\": \"late\", \"when\": {\"replied\": true}, \"next\": \"y")
                    .append(r).append("\"}], \"default\": \"").append(next).append("\"},")
                    .append("{\"id\": \"y").append(r).append("\", \"type\": \"send_sms\", \"config\": {\"body\": \"Thanks for getting back to us.\"}, \"next\": \"")
                    .append(next).append("\"},");
        }
        b.append("{\"id\": \"done\", \"type\": \"end\"}]}");
        return WorkflowParser.parseOrThrow(b.toString());
    }

    static Set<String> lateBranches(int rungs) {
        Set<String> out = new LinkedHashSet<>();
        for (int r = 0; r < rungs; r++) out.add("k" + r + " -[branch:late]-> y" + r);
        return out;
    }
}
