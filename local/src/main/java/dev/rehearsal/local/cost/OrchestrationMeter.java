package dev.rehearsal.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.asl.TaskFunction;
import dev.rehearsal.local.runtime.LocalRuntime;
import dev.rehearsal.local.runtime.SamTemplate;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures what one rehearsal costs to orchestrate in AWS by running it: the state machine of
 * template.yaml (whatever definition is in the tree) on the local executor, its tasks dispatched to the
 * real handler classes, against a private dynalite behind a {@link MeteredDynamoDb} client. Counts come
 * from the execution tree's histories ({@code Execution.usage()}: states entered, task attempts, Distributed
 * Map children), from a timer around
 * every Lambda task, and from the metered client; nothing is counted by hand.
 */
public final class OrchestrationMeter {
    static final String ACCOUNT = "cost-meter";

    /** One Lambda function's invocations: billed milliseconds are rounded up per invocation. */
    public record FunctionUse(String function, int memoryMb, String architecture, long invocations, long billedMs) {
    }

    /**
     * @param walks            personas x walks rehearsed
     * @param steps            interactions stored (one per workflow step a persona went through)
     * @param standardTransitions states entered outside Express children, plus task retries (what Standard bills)
     * @param expressRequests  Express child executions started (Distributed Map with ExecutionType EXPRESS)
     * @param expressBilledMs  their duration, each rounded up to 100 ms
     * @param storedBytes      DynamoDB item bytes of the run when it finished (item size + 100 bytes each)
     * @param keptBytes        of those, bytes still unexpired {@link #KEEP_HORIZON} later (what retention keeps)
     * @param retentionWrites  writes GenerateReport made to keep walks (included in {@code dynamodb})
     */
    public record Measurement(String stateMachineType, int walks, long steps, long historyEvents,
                              long standardTransitions, long expressTransitions, long expressRequests,
                              long expressBilledMs, List<FunctionUse> functions, MeteredDynamoDb.Counts dynamodb,
                              long storedItems, long storedBytes, long keptItems, long keptBytes, long retentionWrites,
                              double wallSeconds) {
        public long lambdaInvocations() {
            return functions.stream().mapToLong(FunctionUse::invocations).sum();
        }
    }

    /** Items whose TTL falls within this long after the run are counted as not kept. */
    public static final Duration KEEP_HORIZON = Duration.ofDays(30);

    private final Path templateFile;

    public OrchestrationMeter(Path templateFile) {
        this.templateFile = templateFile;
    }

    /**
     * Rehearses {@code workflowJson} with {@code personas}, {@code walks} each, through the state machine and
     * returns what it used. The responder answers for the personas (the offline engine: an LLM run's
     * orchestration differs only in how long ExecuteStep waits, which the cost model adds).
     */
    public Measurement measure(String workflowJson, String workflowId, List<Persona> personas, int walks, long seed,
                               PersonaResponder responder, int maxConcurrency) throws InterruptedException {
        MeteredDynamoDb meter = new MeteredDynamoDb();
        SamTemplate template = SamTemplate.load(templateFile);
        try (Dynalite d = Dynalite.start(null)) {
            var client = meter.client(d.endpoint());
            String table = "rehearsal-cost";
            TableAdmin.createTable(client, table);
            Store store = Store.over(new Table(client, table));
            int version = store.workflows().save(ACCOUNT, workflowId, workflowJson).value().version();
            String runId = "run-" + java.util.UUID.randomUUID().toString().replace("-", "");
            MeteredDynamoDb.Counts setup = meter.counts();
            Map<String, LongAdder[]> timing = new ConcurrentHashMap<>();
            long t0 = System.nanoTime();
            Execution ex;
            var logs = dev.rehearsal.functions.observe.JsonLog.sink(line -> { });
            try (LocalRuntime rt = new LocalRuntime(template, new StepServices(store, responder, maxConcurrency, null))) {
                time(template, rt, timing, meter);
                // As POST /workflows/{id}/test writes them: the personas' snapshots, then the run.
                for (Persona p : personas) store.runs().putPersonaSnapshot(ACCOUNT, runId, p.id(), Json.write(p));
                RunRecord run = store.runs().create(ACCOUNT, runId, workflowId, version,
                        personas.stream().map(Persona::id).toList(), seed, walks).value();
                ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()));
                ex.await(30, TimeUnit.MINUTES);
            } finally {
                dev.rehearsal.functions.observe.JsonLog.sink(logs);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (ex.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("the metered run did not succeed: " + ex.status() + " " + ex.error()
                        + " " + ex.cause());
            }
            MeteredDynamoDb.Counts used = meter.counts().minus(setup);
            // The executor's own count over the execution and its Distributed Map children: Standard transitions
            // (states entered plus task retries), Express requests and their transitions apart.
            History h = History.of(ex.usage(), Definition.expressStates(template, templateFile));
            var items = TableAdmin.scanAll(d.client(), table);
            Storage all = Storage.of(items, runId, Instant.EPOCH);
            Storage kept = Storage.of(items, runId, Instant.now().plus(KEEP_HORIZON));
            long steps = Storage.count(items, runId, "INTERACTION#");
            List<FunctionUse> functions = timing.entrySet().stream().map(e -> new FunctionUse(e.getKey(),
                    Definition.memoryMb(template, e.getKey()), Definition.architecture(template, e.getKey()),
                    e.getValue()[0].sum(), e.getValue()[1].sum())).sorted(java.util.Comparator.comparing(FunctionUse::function)).toList();
            long expressMs = Math.max(h.expressRequests * 100, roundUp(functions.stream()
                    .filter(f -> h.expressFunctions.contains(f.function())).mapToLong(FunctionUse::billedMs).sum(), 100));
            return new Measurement(Definition.stateMachineType(template), personas.size() * walks, steps,
                    h.events, h.standardTransitions, h.expressTransitions, h.expressRequests, h.expressRequests == 0 ? 0 : expressMs,
                    functions, used, all.items, all.bytes, kept.items, kept.bytes,
                    ex.output().path("report").path("keptItems").asLong(0), wall);
        }
    }

    private static long roundUp(long ms, long unit) {
        return (ms + unit - 1) / unit * unit;
    }

    /**
     * What DynamoDB costs a Lambda in wall time per call in-region: single-digit milliseconds
     * (the loopback dynalite's own latency on a shared machine says nothing about AWS).
     */
    public static final long DYNAMODB_CALL_MS = 5;

    /**
     * Wraps every task function of the template's state machines in a meter (per logical function id): its
     * billed duration is the CPU time of the invoking thread plus {@link #DYNAMODB_CALL_MS} per DynamoDB
     * call it made, rounded up to the millisecond, so a busy build machine does not inflate the figure.
     */
    private static void time(SamTemplate template, LocalRuntime rt, Map<String, LongAdder[]> timing, MeteredDynamoDb meter) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (SamTemplate.StateMachineDef sm : template.stateMachines().values()) {
            for (String fn : new HashSet<>(sm.substitutions().values())) {
                if (fn == null) continue;
                String arn = LocalRuntime.functionArn(fn);
                TaskFunction real = rt.registry().lookup(arn).orElse(null);
                if (real == null) continue;
                LongAdder[] t = timing.computeIfAbsent(fn, k -> new LongAdder[]{new LongAdder(), new LongAdder()});
                rt.registry().register(arn, (in, ctx) -> {
                    long s = cpu.getCurrentThreadCpuTime(), calls = meter.callsOnThisThread();
                    try {
                        return real.invoke(in, ctx);
                    } finally {
                        long ns = cpu.getCurrentThreadCpuTime() - s + (meter.callsOnThisThread() - calls) * DYNAMODB_CALL_MS * 1_000_000;
                        t[0].increment();
                        t[1].add(Math.max(1, (ns + 999_999) / 1_000_000));
                    }
                });
            }
        }
    }

    /** What the execution tree used, and the functions its Express children call (billed by duration). */
    private record History(long events, long standardTransitions, long expressTransitions, long expressRequests,
                           Set<String> expressFunctions) {
        static History of(dev.rehearsal.local.asl.ExecutionUsage u, Definition.Express express) {
            return new History(u.historyEvents(), u.standardTransitions(), u.expressTransitions(), u.expressExecutions(),
                    express.functions());
        }
    }

    /** DynamoDB item bytes of one run's partition, as DynamoDB sizes items for storage (+100 bytes each). */
    private record Storage(long items, long bytes) {
        static Storage of(List<Map<String, AttributeValue>> scan, String runId, Instant aliveAt) {
            long items = 0, bytes = 0;
            for (Map<String, AttributeValue> item : scan) {
                if (!item.get("pk").s().endsWith("#RUN#" + runId)) continue;
                AttributeValue exp = item.get("expiresAt");
                if (exp != null && Long.parseLong(exp.n()) <= aliveAt.getEpochSecond()) continue;
                items++;
                bytes += 100 + size(item);
            }
            return new Storage(items, bytes);
        }

        static long count(List<Map<String, AttributeValue>> scan, String runId, String skPrefix) {
            return scan.stream().filter(i -> i.get("pk").s().endsWith("#RUN#" + runId) && i.get("sk").s().startsWith(skPrefix)).count();
        }

        static long size(Map<String, AttributeValue> item) {
            long n = 0;
            for (var e : item.entrySet()) n += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
            return n;
        }

        static long size(AttributeValue v) {
            if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
            if (v.n() != null) return (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
            if (v.b() != null) return v.b().asByteArray().length;
            if (v.hasSs()) return v.ss().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
            if (v.hasL()) return 3 + v.l().stream().mapToLong(Storage::size).sum() + v.l().size();
            if (v.hasM()) return 3 + size(v.m()) + v.m().size();
            return 1;
        }
    }

    /** What the template and the definition say about billing: memory, architecture, workflow type, Express maps. */
    static final class Definition {
        record Express(Set<String> maps, Set<String> states, Set<String> functions) {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> props(SamTemplate t, String logicalId) {
            Object r = t.resources().get(logicalId);
            if (!(r instanceof Map<?, ?> m)) return Map.of();
            Object p = m.get("Properties");
            return p instanceof Map<?, ?> pm ? (Map<String, Object>) pm : Map.of();
        }

        @SuppressWarnings("unchecked")
        static Object global(SamTemplate t, String key) {
            Object g = t.root().get("Globals");
            if (!(g instanceof Map<?, ?> gm) || !(gm.get("Function") instanceof Map<?, ?> f)) return null;
            return ((Map<String, Object>) f).get(key);
        }

        static int memoryMb(SamTemplate t, String fn) {
            Object m = props(t, fn).get("MemorySize");
            if (m == null) m = global(t, "MemorySize");
            return m == null ? 128 : Integer.parseInt(m.toString());
        }

        static String architecture(SamTemplate t, String fn) {
            Object a = props(t, fn).get("Architectures");
            if (a == null) a = global(t, "Architectures");
            return a instanceof List<?> l && !l.isEmpty() ? l.get(0).toString() : "x86_64";
        }

        static String stateMachineType(SamTemplate t) {
            String id = t.stateMachines().keySet().iterator().next();
            Object type = props(t, id).get("Type");
            return type == null ? "STANDARD" : type.toString();
        }

        /** States inside Distributed Maps whose children run as Express workflows, and the functions they call. */
        static Express expressStates(SamTemplate t, Path templateFile) {
            Set<String> maps = new HashSet<>(), states = new HashSet<>(), fns = new HashSet<>();
            for (SamTemplate.StateMachineDef sm : t.stateMachines().values()) {
                try {
                    JsonNode def = Json.mapper().readTree(Files.readString(sm.definition()));
                    collect(def.path("States"), false, maps, states, fns, sm.substitutions());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new Express(maps, states, fns);
        }

        private static void collect(JsonNode states, boolean inExpress, Set<String> maps, Set<String> names, Set<String> fns,
                                    Map<String, String> subs) {
            states.fields().forEachRemaining(e -> {
                JsonNode s = e.getValue();
                if (inExpress) {
                    names.add(e.getKey());
                    String res = s.path("Resource").asText("");
                    if (res.startsWith("${") && res.endsWith("}")) {
                        String fn = subs.get(res.substring(2, res.length() - 1));
                        if (fn != null) fns.add(fn);
                    }
                }
                JsonNode proc = s.has("ItemProcessor") ? s.get("ItemProcessor") : s.get("Iterator");
                if (proc != null) {
                    JsonNode cfg = proc.path("ProcessorConfig");
                    boolean express = inExpress || ("DISTRIBUTED".equals(cfg.path("Mode").asText())
                            && "EXPRESS".equals(cfg.path("ExecutionType").asText()));
                    if (express && !inExpress) maps.add(e.getKey());
                    collect(proc.path("States"), express, maps, names, fns, subs);
                }
                for (JsonNode b : s.path("Branches")) collect(b.path("States"), inExpress, maps, names, fns, subs);
            });
        }
    }
}
