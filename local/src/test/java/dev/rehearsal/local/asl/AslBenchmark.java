package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;

/**
 * State transitions per second for the two workloads in docs/PERFORMANCE.md. Not a unit test: run with
 * {@code mvn -q -pl local test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.rehearsal.local.asl.AslBenchmark}
 */
public final class AslBenchmark {
    private static final int WARMUPS = 10;
    private static final int RUNS = 9;

    public static void main(String[] args) {
        System.out.printf("JDK %s, %d CPUs%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println("| Workload | History | Transitions | Median ms | Transitions/s |");
        System.out.println("|---|---|---:|---:|---:|");
        for (boolean history : new boolean[] {true, false}) {
            measure("Map 1,000 items x 10 Pass, MaxConcurrency 0", mapMachine(0), mapInput(), history);
            measure("Map 1,000 items x 10 Pass, MaxConcurrency 1", mapMachine(1), mapInput(), history);
            measure("Choice loop, 10,000 iterations", choiceLoop(), Json.parse("{\"i\":0}"), history);
        }
    }

    private static void measure(String name, StateMachine machine, JsonNode input, boolean history) {
        ExecutorOptions options = ExecutorOptions.defaults().withRecordHistory(history);
        long[] ms = new long[RUNS];
        long transitions = 0;
        try (LocalExecutor executor = new LocalExecutor(new TaskRegistry(), Clock.virtual(Instant.EPOCH), options)) {
            for (int i = 0; i < WARMUPS + RUNS; i++) {
                long t0 = System.nanoTime();
                Execution ex = executor.start(machine, input, "bench-" + i);
                long t1 = System.nanoTime();
                if (ex.status() != ExecutionStatus.SUCCEEDED) throw new IllegalStateException(ex.toString());
                transitions = ex.history().types().stream().filter(t -> t.endsWith("StateEntered")).count();
                if (i >= WARMUPS) ms[i - WARMUPS] = t1 - t0;
            }
        }
        Arrays.sort(ms);
        long median = ms[RUNS / 2];
        System.out.printf("| %s | %s | %,d | %.1f | %,d |%n", name, history ? "on" : "off", transitions,
                median / 1e6, (long) (transitions * 1e9 / median));
    }

    /** A Map whose item processor is a chain of 10 Pass states. */
    static StateMachine mapMachine(int maxConcurrency) {
        ObjectNode states = Json.object();
        for (int i = 1; i <= 10; i++) {
            ObjectNode p = states.putObject("P" + i);
            p.put("Type", "Pass");
            if (i < 10) p.put("Next", "P" + (i + 1)); else p.put("End", true);
        }
        ObjectNode def = Json.object();
        def.put("StartAt", "Map");
        ObjectNode map = def.putObject("States").putObject("Map");
        map.put("Type", "Map");
        map.put("ItemsPath", "$.items");
        map.put("MaxConcurrency", maxConcurrency);
        ObjectNode proc = map.putObject("ItemProcessor");
        proc.put("StartAt", "P1");
        proc.set("States", states);
        map.put("End", true);
        return StateMachine.parse(def);
    }

    static JsonNode mapInput() {
        ObjectNode in = Json.object();
        ArrayNode items = in.putArray("items");
        for (int i = 0; i < 1000; i++) items.addObject().put("n", i);
        return in;
    }

    /** Pass (increment) -> Choice (i < 10000 ? loop : done), 10,000 times. */
    static StateMachine choiceLoop() {
        return StateMachine.parse("""
                {"StartAt": "Increment", "States": {
                  "Increment": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
                  "Check": {"Type": "Choice",
                            "Choices": [{"Variable": "$.i", "NumericLessThan": 10000, "Next": "Increment"}],
                            "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """);
    }
}
