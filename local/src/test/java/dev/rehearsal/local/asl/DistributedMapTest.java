package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Map in DISTRIBUTED mode: child executions with their own history and quotas, batching, tolerated failures. */
class DistributedMapTest {
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private final TaskRegistry registry = new TaskRegistry();
    private final LocalExecutor executor = new LocalExecutor(registry, Clock.virtual(Instant.parse("2024-01-01T00:00:00Z")),
            ExecutorOptions.defaults());

    @AfterEach
    void close() { executor.close(); }

    private static String map(String extra, String processorType, String childStates) {
        return """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",%s
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"%s"},
                    "StartAt":"C","States":%s},
                  "End":true}}}""".formatted(extra, processorType, childStates);
    }

    @Test
    void eachItemRunsAsAChildExecutionWithItsOwnHistory() {
        StateMachine m = StateMachine.parse(map("\"ItemSelector\":{\"v.$\":\"$$.Map.Item.Value\",\"i.$\":\"$$.Map.Item.Index\",\"k.$\":\"$.k\"},",
                "STANDARD", "{\"C\":{\"Type\":\"Pass\",\"End\":true}}"));
        Execution ex = executor.start(m, "{\"k\":\"x\",\"items\":[10,20,30]}", "d");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        assertEquals("[{\"v\":10,\"i\":0,\"k\":\"x\"},{\"v\":20,\"i\":1,\"k\":\"x\"},{\"v\":30,\"i\":2,\"k\":\"x\"}]",
                Json.write(ex.output()));
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"), ex.history().types());
        assertEquals(3, ex.children().size());
        for (Execution c : ex.children()) {
            assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), c.history().types());
            assertTrue(c.arn().contains(":execution:local-state-machine/"), c.arn());
        }
        ExecutionUsage u = ex.usage();
        assertEquals(4, u.standardExecutions());
        assertEquals(4, u.standardTransitions(), "the Map state plus one Pass per child");
    }

    @Test
    void itemBatcherGivesEachChildItemsAndBatchInput() {
        StateMachine m = StateMachine.parse(map("\"ItemBatcher\":{\"MaxItemsPerBatch\":2,\"BatchInput\":{\"run.$\":\"$.run\"}},",
                "EXPRESS", "{\"C\":{\"Type\":\"Pass\",\"End\":true}}"));
        Execution ex = executor.start(m, "{\"run\":\"r1\",\"items\":[1,2,3,4,5]}", "b");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        assertEquals("[{\"Items\":[1,2],\"BatchInput\":{\"run\":\"r1\"}},{\"Items\":[3,4],\"BatchInput\":{\"run\":\"r1\"}},"
                + "{\"Items\":[5],\"BatchInput\":{\"run\":\"r1\"}}]", Json.write(ex.output()));
        ExecutionUsage u = ex.usage();
        assertEquals(3, u.expressExecutions());
        assertEquals(1, u.standardExecutions());
        assertEquals(1, u.standardTransitions(), "Express children are billed per request, not per transition");
        assertEquals(3, u.expressTransitions());
    }

    @Test
    void maxInputBytesPerBatchSplitsBySize() {
        StateMachine m = StateMachine.parse(map("\"ItemBatcher\":{\"MaxInputBytesPerBatch\":40},",
                "EXPRESS", "{\"C\":{\"Type\":\"Pass\",\"End\":true}}"));
        Execution ex = executor.start(m, "{\"items\":[\"aaaaaaaaaa\",\"bbbbbbbbbb\",\"cccccccccc\"]}", "bytes");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        for (JsonNode batch : ex.output()) assertTrue(Json.sizeInBytes(batch) <= 40, batch.toString());
        assertEquals(2, ex.output().size());
    }

    @Test
    void oneFailedChildFailsTheMapRunWithTheThresholdError() {
        registry.register(FN + "odd", (in, ctx) -> {
            if (in.asInt() % 2 == 1) throw new TaskFailure("Odd", "odd item " + in.asInt());
            return in;
        });
        String child = "{\"C\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "odd\",\"End\":true}}";
        Execution ex = executor.start(StateMachine.parse(map("\"MaxConcurrency\":1,", "STANDARD", child)), "{\"items\":[0,1,2]}", "f");
        assertEquals(ExecutionStatus.FAILED, ex.status());
        assertEquals(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, ex.error());
        assertTrue(ex.history().types().containsAll(List.of("MapRunFailed", "MapStateFailed")), ex.history().types().toString());
        assertTrue(ex.children().stream().anyMatch(c -> "Odd".equals(c.error())));

        Execution tolerated = executor.start(StateMachine.parse(map("\"ToleratedFailurePercentage\":50,", "STANDARD", child)),
                "{\"items\":[0,1,2,4]}", "t");
        assertEquals(ExecutionStatus.SUCCEEDED, tolerated.status(), tolerated.toString());
        assertEquals("Odd", tolerated.output().get(1).path("Error").asText());
        assertEquals(4, tolerated.output().get(3).asInt());
    }

    @Test
    void aFailedBatchCountsAllItsItemsAgainstTheTolerance() {
        registry.register(FN + "boom", (in, ctx) -> {
            throw new TaskFailure("Boom", "batch failed");
        });
        String child = "{\"C\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "boom\",\"End\":true}}";
        // One batch of 3 out of 4 items fails: 75% > 60% tolerated, although only 1 of 2 children failed.
        Execution ex = executor.start(StateMachine.parse(map("\"ItemBatcher\":{\"MaxItemsPerBatch\":3},\"ToleratedFailurePercentage\":60,",
                "EXPRESS", child)), "{\"items\":[1,2,3,4]}", "batch-fail");
        assertEquals(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, ex.error(), ex.toString());
    }

    @Test
    void maxConcurrencyBoundsTheChildrenRunningAtOnce() {
        AtomicInteger running = new AtomicInteger(), peak = new AtomicInteger();
        registry.register(FN + "slow", (in, ctx) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return in;
        });
        String child = "{\"C\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "slow\",\"End\":true}}";
        Execution ex = executor.start(StateMachine.parse(map("\"MaxConcurrency\":3,", "STANDARD", child)),
                "{\"items\":[1,2,3,4,5,6,7,8,9,10,11,12]}", "mc");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status());
        assertTrue(peak.get() <= 3 && peak.get() >= 2, "peak " + peak.get());
    }

    @Test
    void aStandardChildThatOutgrowsItsHistoryFailsWhileTheParentStaysSmall() {
        // Each child loops 13,000 times through two Pass states: 26,000 events, over the 25,000 quota.
        String child = """
                {"C":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"More"},
                 "More":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":13000,"Next":"C"}],"Default":"Done"},
                 "Done":{"Type":"Succeed"}}""";
        Execution ex = executor.start(StateMachine.parse(map("\"ItemSelector\":{\"n\":0},", "STANDARD", child)),
                "{\"items\":[1]}", "long");
        assertEquals(ExecutionStatus.FAILED, ex.status());
        Execution c = ex.children().get(0);
        assertEquals(ErrorNames.RUNTIME, c.error());
        assertTrue(c.cause().contains("maximum number of history events (25000)"), c.cause());
        // Checked at state boundaries, so the last event lands within a state's events of the quota.
        assertTrue(c.history().size() >= 24_999 && c.history().size() <= 25_001, "events " + c.history().size());
        // The same loop as an Express child has no history quota and ends well within five minutes.
        Execution express = executor.start(StateMachine.parse(map("\"ItemSelector\":{\"n\":0},", "EXPRESS", child)),
                "{\"items\":[1]}", "long-express");
        assertEquals(ExecutionStatus.SUCCEEDED, express.status(), express.toString());
    }

    @Test
    void anExpressChildStopsAfterFiveMinutes() {
        String child = "{\"C\":{\"Type\":\"Wait\",\"Seconds\":301,\"End\":true}}";
        Execution ex = executor.start(StateMachine.parse(map("", "EXPRESS", child)), "{\"items\":[1]}", "slow-express");
        assertEquals(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, ex.error());
        assertEquals(ExecutionStatus.TIMED_OUT, ex.children().get(0).status());
        Execution standard = executor.start(StateMachine.parse(map("", "STANDARD", child)), "{\"items\":[1]}", "slow-standard");
        assertEquals(ExecutionStatus.SUCCEEDED, standard.status());
    }

    @Test
    void childrenDoNotSeeTheParentsVariables() {
        String def = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"secret":1},"Next":"M"},
                 "M":{"Type":"Map","Items":[1],"QueryLanguage":"JSONata",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                   "StartAt":"C","States":{"C":{"Type":"Pass","Output":"{% $exists($secret) %}","End":true}}},"End":true}}}""";
        Execution ex = executor.start(StateMachine.parse(def), "{}", "vars");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        assertEquals("[false]", Json.write(ex.output()));
    }

    @Test
    void anS3ItemReaderIsRefusedByNameNotFaked() {
        String def = """
                {"StartAt":"M","States":{"M":{"Type":"Map",
                  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
                                "Parameters":{"Bucket":"b","Key":"k"}},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                   "StartAt":"C","States":{"C":{"Type":"Pass","End":true}}},"End":true}}}""";
        Execution ex = executor.start(StateMachine.parse(def), "{}", "reader");
        assertEquals(ErrorNames.ITEM_READER_FAILED, ex.error());
        assertTrue(ex.cause().contains("arn:aws:states:::s3:getObject"), ex.cause());
    }

    /** The parent's history of every pure distributed-map case of the conformance set has the event types AWS recorded. */
    @Test
    void parentHistoriesMatchWhatAwsRecorded() throws IOException {
        Path dir = ConformanceFolder.locate();
        assumeTrue(dir != null, "shared/asl-conformance not found");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json") && !f.getParent().equals(dir)).sorted().toList()) {
                ConformanceCase c = ConformanceCase.load(p);
                JsonNode raw = Json.parse(Files.readString(p));
                if (!raw.path("pure").asBoolean() || !Json.write(c.definition()).contains("\"DISTRIBUTED\"")
                        || !raw.has("recorded_event_types")) continue;
                List<String> expected = new ArrayList<>();
                raw.get("recorded_event_types").forEach(t -> expected.add(t.asText()));
                try (LocalExecutor ex = new LocalExecutor(new TaskRegistry(), Clock.virtual(Instant.parse("2024-01-01T00:00:00Z")),
                        ExecutorOptions.defaults())) {
                    List<String> actual = ex.start(StateMachine.parse(c.definition()), c.input(), "c").history().types();
                    if (!expected.equals(actual)) mismatches.add(c.id() + "\n  expected " + expected + "\n  actual   " + actual);
                }
                checked++;
            }
        }
        assertTrue(checked >= 29, "distributed cases checked: " + checked);
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @Test
    void usageCountsRetriesAsTransitionsAndInvocations() {
        AtomicInteger calls = new AtomicInteger();
        registry.register(FN + "flaky", (in, ctx) -> {
            if (calls.incrementAndGet() < 3) throw new TaskFailure("Flaky", "again");
            return in;
        });
        StateMachine m = StateMachine.parse("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "flaky\",\"Retry\":[{\"ErrorEquals\":[\"Flaky\"],\"MaxAttempts\":3}],\"End\":true}}}");
        ExecutionUsage u = executor.start(m, "{}", "u").usage();
        assertEquals(3, u.taskInvocations());
        assertEquals(3, u.standardTransitions(), "one state entered, two retries");
    }
}
