package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalExecutorTest {
    private final VirtualClock clock = Clock.virtual(Instant.parse("2024-01-01T00:00:00Z"));
    private final TaskRegistry registry = new TaskRegistry();
    private final LocalExecutor executor = new LocalExecutor(registry, clock, ExecutorOptions.defaults());

    @AfterEach
    void close() { executor.close(); }

    @Test
    void waitAdvancesTheVirtualClockInsteadOfSleeping() {
        StateMachine m = StateMachine.parse("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}");
        long t0 = System.nanoTime();
        Execution ex = executor.start(m, "{}", "wait");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status());
        assertEquals(Instant.parse("2024-01-01T01:00:00Z"), clock.now());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5);
    }

    @Test
    void retriesWithBackoffOnTheClockThenCatches() {
        AtomicInteger calls = new AtomicInteger();
        registry.register("arn:aws:lambda:us-east-1:123456789012:function:flaky", (in, ctx) -> {
            calls.incrementAndGet();
            throw new TaskFailure("Flaky", "try again");
        });
        StateMachine m = StateMachine.parse("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],
                       "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Done"}],"Next":"Done"},
                  "Done":{"Type":"Succeed"}}}""");
        Execution ex = executor.start(m, "{\"a\":1}", "retry");
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status());
        assertEquals(3, calls.get());
        assertEquals(Instant.parse("2024-01-01T00:00:08Z"), clock.now()); // 2s + 6s
        assertEquals("Flaky", ex.output().path("error").path("Error").asText());
        assertEquals(1, ex.output().path("a").asInt());
    }

    @Test
    void lambdaInvokeIntegrationWrapsThePayload() {
        registry.register("arn:aws:lambda:us-east-1:123456789012:function:double",
                (in, ctx) -> Json.NODES.numberNode(in.path("n").asInt() * 2));
        StateMachine m = StateMachine.parse("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"double","Payload":{"n.$":"$.n"}},
                  "ResultSelector":{"v.$":"$.Payload"},"End":true}}}""");
        Execution ex = executor.start(m, "{\"n\":21}", "invoke");
        assertEquals(42, ex.output().path("v").asInt());
        assertTrue(ex.history().types().containsAll(List.of("TaskScheduled", "TaskStarted", "TaskSucceeded")));
    }

    @Test
    void mapRunsConcurrentlyAndKeepsOrder() {
        registry.register("slow", (in, ctx) -> {
            try {
                Thread.sleep(20 - in.asInt()); // later items finish first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return in;
        });
        StateMachine m = StateMachine.parse("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":4,"ItemProcessor":{
                  "StartAt":"T","States":{"T":{"Type":"Task","Resource":"slow","End":true}}},"End":true}}}""");
        JsonNode items = Json.parse("[1,2,3,4,5,6,7,8,9,10]");
        Execution ex = executor.start(m, items, "map");
        assertEquals(items, ex.output());
        assertEquals(10, ex.history().types().stream().filter("MapIterationSucceeded"::equals).count());
    }

    @Test
    void historyEventsAreNumberedAndChained() {
        StateMachine m = StateMachine.parse("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        Execution ex = executor.start(m, "{}", "history");
        assertEquals(ExecutionStatus.FAILED, ex.status());
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed"),
                ex.history().types());
        List<HistoryEvent> events = ex.history().events();
        for (int i = 0; i < events.size(); i++) assertEquals(i + 1, events.get(i).id());
        assertEquals(2, events.get(2).previousEventId());
        assertEquals("E", events.get(4).details().path("error").asText());
    }

    @Test
    void jsonataArgumentsOutputAndAssign() {
        registry.register("arn:aws:lambda:us-east-1:123456789012:function:echo", (in, ctx) -> in);
        StateMachine m = StateMachine.parse("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:echo",
                       "Arguments":{"sum":"{% $sum($states.input.xs) %}"},
                       "Assign":{"total":"{% $states.result.sum %}"},"Output":"{% $states.result %}","Next":"P"},
                  "P":{"Type":"Pass","Output":{"t":"{% $total %}"},"End":true}}}""");
        Execution ex = executor.start(m, "{\"xs\":[1,2,3]}", "jsonata");
        assertEquals(6, ex.output().path("t").asInt());
    }

    @Test
    void executionTimeoutEndsTimedOutWithoutSleeping() {
        StateMachine m = StateMachine.parse(
                "{\"TimeoutSeconds\":5,\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}");
        Execution ex = executor.start(m, "{}", "timeout");
        assertEquals(ExecutionStatus.TIMED_OUT, ex.status());
        assertEquals("ExecutionTimedOut", ex.history().types().get(ex.history().types().size() - 1));
    }

    @Test
    void oversizedResultFailsWithDataLimitExceeded() {
        StateMachine m = StateMachine.parse("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        Execution ex = executor.start(m, Json.text("x".repeat(300 * 1024)), "big");
        assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, ex.error());
    }
}
