package dev.rehearsal.local.bench;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.steps.StepHandler;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.asl.ExecutionUsage;
import dev.rehearsal.local.asl.TaskFailure;
import dev.rehearsal.local.runtime.LocalRuntime;
import dev.rehearsal.local.runtime.SamTemplate;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one rehearsal costs in orchestration, counted by executing the state machine on the local executor
 * ({@link Execution#usage()}): Standard transitions, Express executions, Lambda invocations; plus wall time
 * and the time spent in each task function. Runs the offline engine on examples/sms-lead-followup with the
 * seven built-in personas.
 *
 * <pre>
 * java -cp ... dev.rehearsal.local.bench.RunUsageBenchmark WALKS [template.yaml ...]
 * </pre>
 * Each template is run once (its DefinitionUri may point at an older definition, to compare before/after).
 */
public final class RunUsageBenchmark {
    public static void main(String[] args) throws Exception {
        int walks = Integer.parseInt(args[0]);
        String wf = Files.readString(Path.of("examples/sms-lead-followup.workflow.json"));
        try (Dynalite d = Dynalite.start(null)) {
            for (int i = 1; i < Math.max(2, args.length); i++) {
                Path template = Path.of(args.length > 1 ? args[i] : "template.yaml");
                String table = "usage-" + UUID.randomUUID();
                TableAdmin.createTable(d.client(), table);
                Store store = Store.over(new Table(d.client(), table));
                int v = store.workflows().save("bench", "sms", wf).value().version();
                String runId = "run-" + UUID.randomUUID().toString().replace("-", "");
                store.runs().create("bench", runId, "sms", v, PersonaCatalog.BUILT_IN_IDS, 7, walks);
                SamTemplate t = SamTemplate.load(template);
                Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
                try (LocalRuntime rt = new LocalRuntime(t, store, new OfflinePersonaEngine(), 4)) {
                    for (String logicalId : t.stateMachines().values().iterator().next().substitutions().values()) {
                        StepHandler step = (StepHandler) rt.handler(logicalId);
                        rt.registry().register(LocalRuntime.functionArn(logicalId), (in, ctx) -> {
                            long t0 = System.nanoTime();
                            try {
                                return step.handle(in);
                            } catch (RuntimeException e) {
                                throw new TaskFailure(e.getClass().getName(), String.valueOf(e.getMessage()));
                            } finally {
                                nanos.computeIfAbsent(logicalId, k -> new AtomicLong()).addAndGet(System.nanoTime() - t0);
                            }
                        });
                    }
                    long t0 = System.nanoTime();
                    Execution ex = rt.start(new RunRef("bench", runId, "sms", v)).await(2, TimeUnit.HOURS);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    if (ex.status() != ExecutionStatus.SUCCEEDED) throw new IllegalStateException(ex.toString());
                    ExecutionUsage u = ex.usage();
                    Map<String, Long> ms = new TreeMap<>();
                    nanos.forEach((k, n) -> ms.put(k, n.get() / 1_000_000));
                    System.out.printf("%s: 7 personas x %d walks, wall %.1f s%n  %s%n  task ms %s%n  load %s%n", template, walks,
                            wall, u, ms, Files.readString(Path.of("/proc/loadavg")).trim());
                }
            }
        }
    }
}
