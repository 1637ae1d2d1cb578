package dev.rehearsal.local.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A DynamoDB client that meters what on-demand billing charges: every request asks for its consumed
 * capacity (ReturnConsumedCapacity TOTAL; dynalite computes it from item sizes as DynamoDB does: a write
 * unit per started KB, a read unit per started 4 KB, half for eventually consistent reads), and each
 * operation is counted by name, as the least-privilege test records them. A write refused by its
 * condition is billed by DynamoDB too: it counts one write unit (dynalite reports none for it).
 */
public final class MeteredDynamoDb implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    private final Map<String, LongAdder> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder(), writeUnits = new DoubleAdder();
    private final LongAdder refusedWrites = new LongAdder();
    private final ThreadLocal<long[]> onThread = ThreadLocal.withInitial(() -> new long[1]);

    /** Calls made so far by the current thread (a task's handler calls DynamoDB on the thread that invokes it). */
    public long callsOnThisThread() {
        return onThread.get()[0];
    }

    /** A client on {@code endpoint} (dynalite) that reports to this meter. */
    public DynamoDbClient client(URI endpoint) {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attrs) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest p) return p.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof GetItemRequest g) return g.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof UpdateItemRequest u) return u.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof DeleteItemRequest d) return d.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof QueryRequest q) return q.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof ScanRequest s) return s.toBuilder().returnConsumedCapacity(total).build();
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
        String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(op, k -> new LongAdder()).increment();
        onThread.get()[0]++;
        Object r = context.response();
        ConsumedCapacity c = r instanceof PutItemResponse p ? p.consumedCapacity()
                : r instanceof GetItemResponse g ? g.consumedCapacity()
                : r instanceof UpdateItemResponse u ? u.consumedCapacity()
                : r instanceof DeleteItemResponse d ? d.consumedCapacity()
                : r instanceof QueryResponse q ? q.consumedCapacity()
                : r instanceof ScanResponse s ? s.consumedCapacity() : null;
        double units = c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
        if (WRITES.contains(op)) writeUnits.add(units);
        else readUnits.add(units);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
        String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(op, k -> new LongAdder()).increment();
        onThread.get()[0]++;
        if (WRITES.contains(op)) {
            refusedWrites.increment();
            writeUnits.add(1);
        }
    }

    /** What was metered so far. */
    public Counts counts() {
        Map<String, Long> byOp = new TreeMap<>();
        calls.forEach((k, v) -> byOp.put(k, v.sum()));
        return new Counts(byOp, writeUnits.sum(), readUnits.sum(), refusedWrites.sum());
    }

    /** Operations by name, write and read request units, and writes refused by their condition. */
    public record Counts(Map<String, Long> operations, double writeUnits, double readUnits, long refusedWrites) {
        public long writes() {
            return operations.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }

        public long reads() {
            return operations.entrySet().stream().filter(e -> !WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }

        public Counts minus(Counts before) {
            Map<String, Long> ops = new TreeMap<>(operations);
            before.operations.forEach((k, v) -> ops.merge(k, -v, Long::sum));
            ops.values().removeIf(v -> v == 0);
            return new Counts(ops, writeUnits - before.writeUnits, readUnits - before.readUnits,
                    refusedWrites - before.refusedWrites);
        }
    }
}
