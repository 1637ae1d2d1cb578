package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Map state in DISTRIBUTED mode: a Map Run whose items (or batches of items, {@code ItemBatcher}) each run
 * as a child execution of the item processor, Standard or Express ({@code ProcessorConfig.ExecutionType}),
 * with its own history and its own quotas (25,000 events; five minutes for Express). The parent's history
 * only gets MapRunStarted and MapRunSucceeded/Failed, as on AWS. A failed child counts its items against
 * ToleratedFailureCount/Percentage (default 0); past them the state fails with
 * States.ExceedToleratedFailureThreshold. ItemReader and ResultWriter read and write S3, which this
 * executor cannot reach: they fail the state (States.ItemReaderFailed / States.ResultWriterFailed)
 * instead of pretending.
 */
final class DistributedMapRunner {
    static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

    private final StateRunner runner;

    DistributedMapRunner(StateRunner runner) { this.runner = runner; }

    static boolean isDistributed(State s) {
        JsonNode p = processorNode(s);
        return p != null && "DISTRIBUTED".equals(p.path("ProcessorConfig").path("Mode").asText());
    }

    static boolean express(State s) {
        return "EXPRESS".equals(processorNode(s).path("ProcessorConfig").path("ExecutionType").asText());
    }

    private static JsonNode processorNode(State s) {
        return s.has("ItemProcessor") ? s.field("ItemProcessor") : s.field("Iterator");
    }

    /** Fails before any item is read when the definition needs S3. */
    static void checkSources(State s) {
        if (s.has("ItemReader")) {
            throw new StateFailure(ErrorNames.ITEM_READER_FAILED, "The ItemReader of state '" + s.name() + "' reads "
                    + s.field("ItemReader").path("Resource").asText("from S3")
                    + ", which the local executor cannot reach; give the items in the state input (ItemsPath) instead.");
        }
        if (s.has("ResultWriter")) {
            throw new StateFailure(RESULT_WRITER_FAILED, "The ResultWriter of state '" + s.name() + "' writes to S3, "
                    + "which the local executor cannot reach; leave ResultWriter out to receive the results as the state output.");
        }
    }

    /** One child execution's input and the number of items it carries. */
    private record Batch(JsonNode input, int items) {}

    interface Selector { JsonNode of(Scope itemScope, JsonNode item); }

    JsonNode run(State s, JsonNode items, int maxConcurrency, MapStateRunner.Tolerance unsized, Scope scope,
                 Selector selector, JsonNode effective, JsonataEvaluator.Bindings bindings) {
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = Json.object();
            item.put("Index", i);
            item.set("Value", items.get(i));
            selected.add(selector.of(scope.child(item, scope::cancelled, scope.lastEventId), items.get(i)));
        }
        List<Batch> batches = batch(s, selected, effective, scope, bindings);
        String runId = UUID.randomUUID().toString();
        String label = s.has("Label") ? s.text("Label") : UUID.randomUUID().toString();
        String childMachine = scope.run.stateMachineName + "/" + label;
        ObjectNode started = scope.details();
        if (started != null) started.put("mapRunArn", "arn:aws:states:" + scope.run.options.region() + ":"
                + scope.run.options.accountId() + ":mapRun:" + childMachine + ":" + runId);
        scope.event("MapRunStarted", started);
        boolean express = express(s);
        StateMachine processor = s.itemProcessor().named(childMachine);
        AtomicInteger failedItems = new AtomicInteger();
        MapStateRunner.Tolerance tolerance = new MapStateRunner.Tolerance(true, unsized.count, unsized.percentage, items.size());
        JsonNode[] results;
        try {
            results = ConcurrentBranches.run(scope.run, batches.size(), maxConcurrency, (i, cancelled) -> {
                Execution child = runChild(scope, processor, childMachine, batches.get(i).input(), express,
                        () -> cancelled.getAsBoolean() || scope.cancelled() || scope.run.execution.stopRequested());
                if (child.status() == ExecutionStatus.SUCCEEDED) return child.output();
                if (child.status() == ExecutionStatus.ABORTED && (cancelled.getAsBoolean() || scope.cancelled())) {
                    throw new ExecutionStopped(ExecutionStatus.ABORTED);
                }
                failedItems.addAndGet(batches.get(i).items());
                if (child.status() == ExecutionStatus.TIMED_OUT) {
                    throw new StateFailure(ErrorNames.TIMEOUT, "Child execution " + child.name() + " timed out");
                }
                throw new StateFailure(child.error(), child.cause());
            }, n -> tolerance.tolerate(failedItems.get()));
        } catch (ConcurrentBranches.Failed f) {
            scope.event("MapRunFailed", null);
            scope.event("MapStateFailed", null);
            throw new StateFailure(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        scope.event("MapRunSucceeded", null);
        scope.event("MapStateSucceeded", null);
        ArrayNode out = Json.array();
        for (JsonNode r : results) out.add(r);
        return out;
    }

    private Execution runChild(Scope scope, StateMachine processor, String childMachine, JsonNode input, boolean express,
                               java.util.function.BooleanSupplier cancelled) {
        ExecutionRun parent = scope.run;
        String name = UUID.randomUUID().toString();
        String arn = "arn:aws:states:" + parent.options.region() + ":" + parent.options.accountId() + ":"
                + (express ? "express" : "execution") + ":" + childMachine + ":" + name;
        Execution child = new Execution(name, arn, new ExecutionHistory(parent.clock), express);
        parent.execution.addChild(child);
        ExecutionRun run = new ExecutionRun(processor, child, parent.registry, parent.clock, parent.options, parent.pool,
                input, childMachine, express);
        LocalExecutor.execute(run, input, runner, cancelled);
        return child;
    }

    /** ItemBatcher: {"Items": [...], "BatchInput": ...} per child, at most MaxItemsPerBatch items / MaxInputBytesPerBatch bytes. */
    private static List<Batch> batch(State s, List<JsonNode> selected, JsonNode effective, Scope scope,
                                     JsonataEvaluator.Bindings b) {
        List<Batch> out = new ArrayList<>();
        JsonNode batcher = s.field("ItemBatcher");
        if (batcher == null) {
            for (JsonNode in : selected) out.add(new Batch(in, 1));
            return out;
        }
        int maxItems = limit(batcher, "MaxItemsPerBatch", effective, scope, b);
        int maxBytes = limit(batcher, "MaxInputBytesPerBatch", effective, scope, b);
        if (maxItems <= 0 && maxBytes <= 0) {
            throw new StateFailure(ErrorNames.RUNTIME, "ItemBatcher of state '" + s.name()
                    + "' needs MaxItemsPerBatch or MaxInputBytesPerBatch");
        }
        JsonNode batchInput = null;
        if (batcher.has("BatchInput")) {
            batchInput = b != null ? JsonataEvaluator.evaluateTemplate(batcher.get("BatchInput"), "BatchInput", b)
                    : JsonPathProcessor.applyTemplate(batcher.get("BatchInput"), effective, scope);
        }
        int overhead = Json.sizeInBytes(wrap(Json.array(), batchInput));
        ArrayNode current = Json.array();
        int bytes = overhead;
        for (JsonNode item : selected) {
            int size = Json.sizeInBytes(item) + 1;
            boolean full = !current.isEmpty() && ((maxItems > 0 && current.size() >= maxItems)
                    || (maxBytes > 0 && bytes + size > maxBytes));
            if (full) {
                out.add(new Batch(wrap(current, batchInput), current.size()));
                current = Json.array();
                bytes = overhead;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) out.add(new Batch(wrap(current, batchInput), current.size()));
        return out;
    }

    private static JsonNode wrap(ArrayNode items, JsonNode batchInput) {
        ObjectNode o = Json.object();
        o.set("Items", items);
        if (batchInput != null) o.set("BatchInput", batchInput);
        return o;
    }

    private static int limit(JsonNode batcher, String field, JsonNode effective, Scope scope, JsonataEvaluator.Bindings b) {
        JsonNode v;
        if (batcher.has(field)) {
            v = b != null ? JsonataEvaluator.evaluateTemplate(batcher.get(field), field, b) : batcher.get(field);
        } else if (batcher.has(field + "Path") && b == null) {
            v = JsonPathProcessor.select(batcher.get(field + "Path"), true, effective, scope);
        } else {
            return 0;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw new StateFailure(ErrorNames.RUNTIME, "The ItemBatcher field " + field + " must be a non-negative integer but was: "
                    + Json.write(v));
        }
        return v.asInt();
    }
}
