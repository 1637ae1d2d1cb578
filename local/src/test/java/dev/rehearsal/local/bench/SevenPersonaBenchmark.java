package dev.rehearsal.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.steps.StepHandler;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.asl.TaskFailure;
import dev.rehearsal.local.runtime.LocalRuntime;
import dev.rehearsal.local.runtime.SamTemplate;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seven-persona benchmark: statemachine/test-run.asl.json on the local executor, tasks
 * dispatched in-process to the handler classes of template.yaml (as {@code rehearse serve} does),
 * against dynalite, with a persona responder that sleeps for real (300 ms by default) and then
 * delegates to the offline engine. Each task is timed by a wrapper registered over the runtime's
 * own task function, so a persona's <em>chain</em> is the sum of its InitSimulation, ExecuteStep
 * and FinishSimulation durations (its sleeps included): what the run would take for that persona
 * alone, minus the executor's own transitions. The ratio wall time / longest chain shows how much
 * the Map state overlaps personas (1 = perfect overlap, 7 = none).
 *
 * <p>Usage (from the repository root; see docs/PERFORMANCE.md for the classpath):
 * {@code SevenPersonaBenchmark [DELAY_MS] [REPS] [MAX_CONCURRENCY ...]}, defaults 300, 3, 1 7.
 * Not a unit test; nothing asserts a timing.
 */
public final class SevenPersonaBenchmark {
    static final String ACCOUNT = "acme";

    /** Sleeps, then answers like the offline engine; counts calls per persona. */
    static final class SlowResponder implements PersonaResponder {
        final PersonaResponder delegate = new OfflinePersonaEngine();
        final long delayMs;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        SlowResponder(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public PersonaReply respond(ReplyRequest request) {
            calls.computeIfAbsent(request.persona().id(), k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.respond(request);
        }

        @Override
        public String name() {
            return "sleep-" + delayMs + "ms+" + delegate.name();
        }
    }

    record Result(int maxConcurrency, double wallMs, Map<String, Double> chainMs, Map<String, Integer> tasks,
                  Map<String, Integer> calls, double runLevelMs) {
    }

    private SevenPersonaBenchmark() {
    }

    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("template.yaml")) && Files.isDirectory(d.resolve("statemachine"))) return d;
        }
        throw new IllegalStateException("run from the repository (no template.yaml above " + Path.of("").toAbsolutePath() + ")");
    }

    public static void main(String[] args) throws Exception {
        long delay = args.length > 0 ? Long.parseLong(args[0]) : 300;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Integer> mcs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) mcs.add(Integer.parseInt(args[i]));
        if (mcs.isEmpty()) mcs = List.of(1, 7);

        Path root = root();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        String wf = Files.readString(root.resolve("examples/sms-lead-followup.workflow.json"));
        try (Dynalite dynalite = Dynalite.start(null)) {
            String table = "bench-" + UUID.randomUUID();
            TableAdmin.createTable(dynalite.client(), table);
            Store store = Store.over(new Table(dynalite.client(), table));
            int version = store.workflows().save(ACCOUNT, "sms-lead-followup", wf).value().version();

            // warm-up: class loading and JIT, no sleep
            for (int i = 0; i < 2; i++) runOnce(template, store, version, 0, 7);

            System.out.printf(Locale.ROOT, "%nJDK %s, %d cores, responder delay %d ms, %d runs per MaxConcurrency (median wall)%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), delay, reps);
            // MaxConcurrency 1 first: with nothing overlapping, its chains are the reference (the
            // chains measured inside a concurrent run are inflated by contention for the 2 cores
            // and the single dynalite process, which is exactly what the ratio should show)
            List<Integer> order = new ArrayList<>(List.of(1));
            for (int mc : mcs) if (mc != 1) order.add(mc);
            Map<String, Double> reference = null;
            for (int mc : order) {
                List<Result> rs = new ArrayList<>();
                for (int i = 0; i < reps; i++) rs.add(runOnce(template, store, version, delay, mc));
                if (reference == null) reference = medianChains(rs);
                rs.sort((a, b) -> Double.compare(a.wallMs(), b.wallMs()));
                print(rs.get(rs.size() / 2), delay, rs, reference);
            }
        }
    }

    static Map<String, Double> medianChains(List<Result> rs) {
        Map<String, Double> out = new TreeMap<>();
        for (String p : rs.get(0).chainMs().keySet()) {
            List<Double> xs = new ArrayList<>();
            for (Result r : rs) xs.add(r.chainMs().get(p));
            xs.sort(null);
            out.put(p, xs.get(xs.size() / 2));
        }
        return out;
    }

    static Result runOnce(SamTemplate template, Store store, int version, long delay, int mc) throws Exception {
        SlowResponder responder = new SlowResponder(delay);
        Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> tasks = new ConcurrentHashMap<>();
        String runId = "run-" + UUID.randomUUID().toString().replace("-", "");
        RunRecord run = store.runs().create(ACCOUNT, runId, "sms-lead-followup", version, PersonaCatalog.BUILT_IN_IDS, 7).value();
        try (LocalRuntime rt = new LocalRuntime(template, store, responder, mc)) {
            // time every task: the same call LocalRuntime registers, wrapped
            SamTemplate.StateMachineDef sm = template.stateMachines().values().iterator().next();
            for (String logicalId : sm.substitutions().values()) {
                StepHandler step = (StepHandler) rt.handler(logicalId);
                rt.registry().register(LocalRuntime.functionArn(logicalId), (in, ctx) -> {
                    // ExecuteStep gets {cursor, retryCount} (the state machine's Parameters); the others the cursor itself.
                    JsonNode c = in.has("cursor") ? in.get("cursor") : in;
                    String who = c.hasNonNull("personaId") ? c.get("personaId").asText() : "(run)";
                    long t = System.nanoTime();
                    try {
                        return step.handle(in);
                    } catch (RuntimeException e) {
                        throw new TaskFailure(e.getClass().getName(), String.valueOf(e.getMessage()));
                    } finally {
                        nanos.computeIfAbsent(who, k -> new AtomicLong()).addAndGet(System.nanoTime() - t);
                        tasks.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
                    }
                });
            }
            long t0 = System.nanoTime();
            Execution ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()));
            ex.await(10, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - t0) / 1e6;
            if (ex.status() != ExecutionStatus.SUCCEEDED) throw new IllegalStateException("run failed: " + ex);
            JsonNode report = ex.output().path("report");
            if (!"COMPLETED".equals(report.path("status").asText())) throw new IllegalStateException("no report: " + ex.output());
            Map<String, Double> chain = new TreeMap<>();
            nanos.forEach((k, v) -> chain.put(k, v.get() / 1e6));
            Map<String, Integer> t = new TreeMap<>();
            tasks.forEach((k, v) -> t.put(k, v.get()));
            Map<String, Integer> c = new TreeMap<>();
            responder.calls.forEach((k, v) -> c.put(k, v.get()));
            return new Result(mc, wall, chain, t, c, chain.getOrDefault("(run)", 0.0));
        }
    }

    static void print(Result r, long delay, List<Result> all, Map<String, Double> reference) {
        System.out.printf(Locale.ROOT, "%nMaxConcurrency %d: wall %.0f ms (runs: %s)%n", r.maxConcurrency(), r.wallMs(),
                all.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.wallMs())).toList());
        System.out.println("| persona | LLM calls | tasks | calls × " + delay + " ms | chain ms, alone (MaxConcurrency 1, median) "
                + "| overhead ms per task, alone | chain ms in this run |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double sum = 0;
        String longest = null;
        for (Map.Entry<String, Double> e : r.chainMs().entrySet()) {
            String p = e.getKey();
            if (p.equals("(run)")) continue;
            int calls = r.calls().getOrDefault(p, 0);
            int tasks = r.tasks().getOrDefault(p, 0);
            double alone = reference.get(p);
            sum += alone;
            if (longest == null || alone > reference.get(longest)) longest = p;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.1f | %.0f |%n", p, calls, tasks, calls * delay, alone,
                    (alone - calls * delay) / Math.max(1, tasks), e.getValue());
        }
        double chain = reference.get(longest);
        System.out.printf(Locale.ROOT, "run-level tasks (LoadRun, ValidateMessages, GenerateReport) in this run: %.0f ms; "
                + "sum of the chains alone %.0f ms%n", r.runLevelMs(), sum);
        System.out.printf(Locale.ROOT, "longest chain %s %.0f ms; wall / longest chain = %.2f×; "
                        + "(wall − run-level tasks) / longest chain = %.2f×; sum of chains / longest chain = %.2f×%n",
                longest, chain, r.wallMs() / chain, (r.wallMs() - r.runLevelMs()) / chain, sum / chain);
    }
}
