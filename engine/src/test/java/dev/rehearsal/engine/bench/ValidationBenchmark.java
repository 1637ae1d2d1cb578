package dev.rehearsal.engine.bench;

import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.SchemaChecker;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.util.List;
import java.util.Locale;

/**
 * Times parsing and static validation of generated workflows (linear chains and diamond ladders)
 * of 1k, 10k and 100k steps; prints a Markdown table for docs/PERFORMANCE.md. Best of N after
 * warm-up, so JIT compilation and GC noise are not measured. Not a unit test: run it by hand.
 *
 * <pre>mvn -q -o -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.rehearsal.engine.bench.ValidationBenchmark</pre>
 * Optional args: sizes (comma list) and runs, e.g. {@code -Dexec.args="1000,10000 5"}.
 */
public final class ValidationBenchmark {
    private static final SchemaChecker SCHEMA = new SchemaChecker(WorkflowParser.SCHEMA);

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{1_000, 10_000, 100_000};
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("Java %s, %d cores, max heap %d MB, best of %d runs after warm-up%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, runs);
        System.out.println("| shape | steps | JSON KB | parse ms | validate ms | parse + validate ms | µs/step | issues | located tree ms (invalid input only) | generic full-schema check ms (not used) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String shape : List.of("chain", "ladder")) {
            // warm-up on the middle size so every code path is compiled before measuring
            String warm = generate(shape, 10_000);
            for (int i = 0; i < 3; i++) Validators.validate(WorkflowParser.parseOrThrow(warm));
            for (int n : sizes) row(shape, n, runs);
        }
    }

    private static void row(String shape, int n, int runs) {
        String json = generate(shape, n);
        long bestTree = Long.MAX_VALUE, bestSchema = Long.MAX_VALUE, bestParse = Long.MAX_VALUE, bestValidate = Long.MAX_VALUE;
        int issues = 0, steps = 0;
        for (int r = 0; r < runs; r++) {
            // Collect the previous run's garbage outside the timed sections, so each phase pays only its own.
            System.gc();
            long t0 = System.nanoTime();
            LocatedJson doc;
            try {
                doc = LocatedJson.parse(json);
            } catch (LocatedJson.MalformedJsonException e) {
                throw new IllegalStateException(e);
            }
            long t1 = System.nanoTime();
            SCHEMA.check(doc.root(), doc);
            long t2 = System.nanoTime();
            System.gc();
            long t3 = System.nanoTime();
            Workflow w = WorkflowParser.parseOrThrow(json);
            long t4 = System.nanoTime();
            System.gc();
            long t5 = System.nanoTime();
            List<Issue> found = Validators.validate(w);
            long t6 = System.nanoTime();
            bestTree = Math.min(bestTree, t1 - t0);
            bestSchema = Math.min(bestSchema, t2 - t1);
            bestParse = Math.min(bestParse, t4 - t3);
            bestValidate = Math.min(bestValidate, t6 - t5);
            issues = found.size();
            steps = w.steps().size();
        }
        long bestTotal = bestParse + bestValidate;
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.1f | %.2f | %,d | %.1f | %.1f |%n", shape, steps,
                json.length() / 1024, bestParse / 1e6, bestValidate / 1e6, bestTotal / 1e6, bestTotal / 1e3 / steps, issues,
                bestTree / 1e6, bestSchema / 1e6);
    }

    /** About {@code n} steps of the given shape, as JSON text. */
    public static String generate(String shape, int n) {
        return shape.equals("chain") ? chain(n) : ladder(n);
    }

    private static final String SMS_BODY = "Hi {{contact.first_name | default: \\\"there\\\"}}, your quote #%d is ready: https://acme.example/q/%d Reply STOP to opt out.";

    /** sms -> delay -> sms -> delay ... -> end */
    static String chain(int n) {
        StringBuilder b = header();
        for (int i = 0; i < n - 1; i++) {
            String next = i + 1 < n - 1 ? "s" + (i + 1) : "end";
            if (i % 2 == 0) sms(b, "s" + i, i, next);
            else b.append("{\"id\":\"s").append(i).append("\",\"type\":\"delay\",\"config\":{\"duration\":\"1d\"},\"next\":\"").append(next).append("\"},");
        }
        return footer(b);
    }

    /**
     * Rungs of 5 steps: sms -> wait_for_reply -> condition -> (interested: sms | default: add_tag) -> next rung.
     * The two arms of each condition join again at the next rung's first step: a diamond.
     */
    static String ladder(int n) {
        StringBuilder b = header();
        int rungs = Math.max(1, (n - 1) / 5);
        for (int r = 0; r < rungs; r++) {
            String next = r + 1 < rungs ? "m" + (r + 1) : "end";
            sms(b, "m" + r, r, "w" + r);
            b.append("{\"id\":\"w").append(r).append("\",\"type\":\"wait_for_reply\",\"config\":{\"timeout\":\"2d\"},\"on_reply\":\"c")
                    .append(r).append("\",\"on_timeout\":\"c").append(r).append("\"},");
            b.append("{\"id\":\"c").append(r).append("\",\"type\":\"condition\",\"branches\":[{\"label\":\"hot\",\"when\":{\"reply_intent\":[\"interested\",\"ready_to_buy\"]},\"next\":\"y")
                    .append(r).append("\"}],\"default\":\"n").append(r).append("\"},");
            sms(b, "y" + r, r, next);
            b.append("{\"id\":\"n").append(r).append("\",\"type\":\"add_tag\",\"config\":{\"tag\":\"cold\"},\"next\":\"").append(next).append("\"},");
        }
        return footer(b);
    }

    private static StringBuilder header() {
        return new StringBuilder("{\"id\":\"bench\",\"name\":\"Benchmark\",\"start\":\"").append("START").append("\",\"steps\":[");
    }

    private static String footer(StringBuilder b) {
        b.append("{\"id\":\"end\",\"type\":\"end\"}]}");
        String s = b.toString();
        String first = s.substring(s.indexOf("{\"id\":\"", s.indexOf("\"steps\"")) + 7);
        return s.replace("\"start\":\"START\"", "\"start\":\"" + first.substring(0, first.indexOf('"')) + "\"");
    }

    private static void sms(StringBuilder b, String id, int i, String next) {
        b.append("{\"id\":\"").append(id).append("\",\"type\":\"send_sms\",\"config\":{\"body\":\"")
                .append(String.format(Locale.ROOT, SMS_BODY, i, i)).append("\"},\"next\":\"").append(next).append("\"},");
    }
}
