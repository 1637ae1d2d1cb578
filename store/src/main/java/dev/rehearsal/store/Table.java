package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Rehearsal table: a thin layer over the SDK client with the operations the repositories
 * share (consistent get that hides expired items, conditional put, paged prefix query).
 */
public final class Table {
    public static final String TABLE_NAME_ENV = "TABLE_NAME";
    public static final String EXPIRES_AT = "expiresAt";
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 25;

    private final DynamoDbClient client;
    private final String name;
    private final Clock clock;

    public Table(DynamoDbClient client, String name, Clock clock) {
        if (name == null || name.length() < 3) throw new IllegalArgumentException("table name must have >= 3 characters");
        this.client = client;
        this.name = name;
        this.clock = clock;
    }

    public Table(DynamoDbClient client, String name) {
        this(client, name, Clock.systemUTC());
    }

    /** The table named by the {@code TABLE_NAME} environment variable. */
    public static Table fromEnvironment(DynamoDbClient client) {
        String n = System.getenv(TABLE_NAME_ENV);
        if (n == null || n.isBlank()) throw new IllegalStateException(TABLE_NAME_ENV + " is not set");
        return new Table(client, n);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public long expiresAt(Duration ttl) {
        return now().plus(ttl).getEpochSecond();
    }

    /** The item with {@code expiresAt} = now + {@code retention}; as is when retention is null (kept until deleted). */
    public Map<String, AttributeValue> expiring(Map<String, AttributeValue> item, Duration retention) {
        if (retention == null) return item;
        Map<String, AttributeValue> out = new HashMap<>(item);
        out.put(EXPIRES_AT, n(expiresAt(retention)));
        return out;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        GetItemResponse r = client.getItem(b -> b.tableName(name).key(key(pk, sk)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty() || expired(r.item())) return Optional.empty();
        return Optional.of(r.item());
    }

    /**
     * The items with these keys that exist and have not expired, in no particular order (BatchGetItem,
     * strongly consistent, 100 keys a call, unprocessed keys asked again).
     */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> out = new java.util.ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_PAGE_SIZE) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + MAX_PAGE_SIZE));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) pause(attempt);
                List<Map<String, AttributeValue>> ask = pending;
                BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(Map.of(name,
                        KeysAndAttributes.builder().keys(ask).consistentRead(true).build())));
                r.responses().getOrDefault(name, List.of()).stream().filter(i -> !expired(i)).forEach(out::add);
                KeysAndAttributes left = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(name) : null;
                pending = left == null ? List.of() : left.keys();
            }
        }
        return out;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000L, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch", e);
        }
    }

    /** Writes the item unless one with its key exists (and has not expired); false if it did. */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.putItem(b -> b.tableName(name).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #exp <= :now")
                    .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(name).item(item));
    }

    /** Writes the item only if the condition holds; false if it does not. */
    public boolean putIf(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                         Map<String, AttributeValue> values) {
        try {
            client.putItem(b -> {
                b.tableName(name).item(item).conditionExpression(condition);
                if (names != null && !names.isEmpty()) b.expressionAttributeNames(names);
                if (values != null && !values.isEmpty()) b.expressionAttributeValues(values);
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Moves an existing item's {@code expiresAt} later (never earlier); false if the item is absent, has
     * expired, or already expires at or after {@code epochSeconds}. One UpdateItem: no read.
     */
    public boolean extendExpiry(String pk, String sk, long epochSeconds) {
        try {
            client.updateItem(b -> b.tableName(name).key(key(pk, sk)).updateExpression("SET #exp = :e")
                    .conditionExpression("attribute_exists(pk) AND #exp > :now AND #exp < :e")
                    .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":e", n(epochSeconds), ":now", n(now().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Deletes an existing item; false if there was none. */
    public boolean deleteExisting(String pk, String sk) {
        try {
            client.deleteItem(b -> b.tableName(name).key(key(pk, sk)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One page of the items of partition {@code pk} whose sort key starts with {@code skPrefix},
     * expired ones left out. The token encodes only the last sort key: the partition is always
     * the caller's, so a token cannot lead into another account's data.
     */
    public Page<Map<String, AttributeValue>> query(String pk, String skPrefix, int limit, String token,
                                                   boolean forward) {
        int size = limit <= 0 ? DEFAULT_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(pk));
        values.put(":prefix", s(skPrefix));
        values.put(":now", n(now().getEpochSecond()));
        QueryRequest.Builder b = QueryRequest.builder().tableName(name).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .filterExpression("attribute_not_exists(#exp) OR #exp > :now")
                .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                .expressionAttributeValues(values)
                .scanIndexForward(forward)
                .limit(size);
        if (token != null && !token.isEmpty()) b.exclusiveStartKey(key(pk, decodeToken(token, skPrefix)));
        QueryResponse r = client.query(b.build());
        String next = null;
        if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
            next = encodeToken(r.lastEvaluatedKey().get(Keys.SK).s());
        }
        return new Page<>(r.items(), next);
    }

    /** Which index a listing reads and how a listed item's table key follows from its id. */
    public record Listing(String index, String pkAttr, String skAttr, java.util.function.Function<String, Map<String, AttributeValue>> tableKey) {
    }

    /**
     * One page of a listing, newest first: partition {@code pk} of a sparse time-ordered index
     * ({@link Keys#byTimeSk}), expired items and those failing {@code filter} left out (so a page may be
     * short while more follow). The token encodes only the last index sort key, checked on the way back
     * in: the partition is always the caller's, so a token cannot lead into another account's data.
     * Index reads are eventually consistent (a write shows up within a second or so).
     */
    public Page<Map<String, AttributeValue>> queryIndex(Listing l, String pk, int limit, String token, String filter,
                                                        Map<String, String> names, Map<String, AttributeValue> values) {
        int size = limit <= 0 ? DEFAULT_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
        Map<String, AttributeValue> v = new HashMap<>(values);
        v.put(":pk", s(pk));
        v.put(":now", n(now().getEpochSecond()));
        Map<String, String> n = new HashMap<>(names);
        n.put("#exp", EXPIRES_AT);
        n.put("#ipk", l.pkAttr());
        String f = "(attribute_not_exists(#exp) OR #exp > :now)" + (filter == null ? "" : " AND (" + filter + ")");
        QueryRequest.Builder b = QueryRequest.builder().tableName(name).indexName(l.index())
                .keyConditionExpression("#ipk = :pk").filterExpression(f)
                .expressionAttributeNames(n).expressionAttributeValues(v).scanIndexForward(false).limit(size);
        if (token != null && !token.isEmpty()) {
            String isk = decodeIndexToken(token);
            Map<String, AttributeValue> start = new HashMap<>(l.tableKey().apply(Keys.idOfByTimeSk(isk)));
            start.put(l.pkAttr(), s(pk));
            start.put(l.skAttr(), s(isk));
            b.exclusiveStartKey(start);
        }
        QueryResponse r = client.query(b.build());
        String next = null;
        if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
            next = encodeToken(r.lastEvaluatedKey().get(l.skAttr()).s());
        }
        return new Page<>(r.items(), next);
    }

    static String decodeIndexToken(String token) {
        try {
            if (token.length() > 1024) throw new IllegalArgumentException("too long");
            String isk = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            Keys.idOfByTimeSk(isk);
            return isk;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidPageTokenException("next token is not valid for this listing");
        }
    }

    /** Every item of a prefix, following pages (for small, bounded collections such as a run's tests). */
    public List<Map<String, AttributeValue>> queryAll(String pk, String skPrefix) {
        List<Map<String, AttributeValue>> out = new java.util.ArrayList<>();
        String token = null;
        do {
            Page<Map<String, AttributeValue>> p = query(pk, skPrefix, MAX_PAGE_SIZE, token, true);
            out.addAll(p.items());
            token = p.nextToken();
        } while (token != null);
        return out;
    }

    static String encodeToken(String sk) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sk.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token, String skPrefix) {
        String sk;
        try {
            if (token.length() > 1024) throw new IllegalArgumentException("too long");
            sk = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException("next token is not valid");
        }
        if (!sk.startsWith(skPrefix) || sk.length() == skPrefix.length()) {
            throw new InvalidPageTokenException("next token does not belong to this listing");
        }
        return sk;
    }

    boolean expired(Map<String, AttributeValue> item) {
        AttributeValue e = item.get(EXPIRES_AT);
        return e != null && e.n() != null && Long.parseLong(e.n()) <= now().getEpochSecond();
    }

    public static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    public static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    public static String str(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String attr, long dflt) {
        AttributeValue v = item.get(attr);
        return v == null || v.n() == null ? dflt : Long.parseLong(v.n());
    }

    public static List<String> strList(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        if (v == null || !v.hasL()) return List.of();
        return v.l().stream().map(AttributeValue::s).toList();
    }

    public static AttributeValue list(List<String> values) {
        return AttributeValue.builder().l(values.stream().map(Table::s).toList()).build();
    }
}
