package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-account limits, in partition {@code ACCOUNT#a#LIMITS}: the set of the account's active runs
 * ({@code ACTIVE_RUNS}, a string set grown and shrunk atomically under a size condition) and each UTC
 * day's reserved LLM spend ({@code SPEND#yyyy-mm-dd}, micro-dollars plus the runs already charged, so
 * a retried start is not charged twice; it expires two days later). Both updates are idempotent per run.
 */
public final class AccountLimitsRepository {
    static final String ACTIVE_SK = "ACTIVE_RUNS";
    static final String SPEND_PREFIX = "SPEND#";
    static final Duration SPEND_TTL = Duration.ofDays(2);
    private final Table table;

    public AccountLimitsRepository(Table table) {
        this.table = table;
    }

    /** The day's spend of an account after a reservation attempt: granted or not, and the total reserved. */
    public record Spend(boolean granted, long reservedMicros) {
    }

    /** Adds the run to the account's active runs unless {@code cap} are active already; true if it is (now) active. */
    public boolean acquireRunSlot(String accountId, String runId, int cap) {
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(Table.key(Keys.limitsPk(accountId), ACTIVE_SK))
                    .updateExpression("ADD runs :run SET accountId = :acct")
                    .conditionExpression("attribute_not_exists(runs) OR size(runs) < :cap OR contains(runs, :id)")
                    .expressionAttributeValues(Map.of(":run", AttributeValue.builder().ss(runId).build(),
                            ":cap", Table.n(cap), ":id", Table.s(runId), ":acct", Table.s(accountId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Removes the run from the account's active runs (idempotent). */
    public void releaseRunSlot(String accountId, String runId) {
        table.client().updateItem(b -> b.tableName(table.name())
                .key(Table.key(Keys.limitsPk(accountId), ACTIVE_SK))
                .updateExpression("DELETE runs :run")
                .expressionAttributeValues(Map.of(":run", AttributeValue.builder().ss(runId).build())));
    }

    /**
     * Undoes {@link #acquireRunSlot} of a start that was then refused: frees the slot and deletes the item
     * if no run holds one any more, so a refused start leaves nothing behind.
     */
    public void rollbackRunSlot(String accountId, String runId) {
        releaseRunSlot(accountId, runId);
        try {
            table.client().deleteItem(b -> b.tableName(table.name()).key(Table.key(Keys.limitsPk(accountId), ACTIVE_SK))
                    .conditionExpression("attribute_not_exists(runs)"));
        } catch (ConditionalCheckFailedException e) {
            // other runs hold slots: the item stays
        }
    }

    /** The runs holding a slot, in id order. */
    public Set<String> activeRuns(String accountId) {
        return table.get(Keys.limitsPk(accountId), ACTIVE_SK)
                .map(i -> i.get("runs") == null ? Set.<String>of() : (Set<String>) new TreeSet<>(i.get("runs").ss()))
                .orElse(Set.of());
    }

    /**
     * Reserves {@code micros} of the day's budget for a run; refused (nothing written) when the day's
     * total would pass {@code budgetMicros}. A run already charged today is granted again at no cost.
     */
    public Spend reserveSpend(String accountId, String runId, LocalDate day, long micros, long budgetMicros) {
        String sk = SPEND_PREFIX + day;
        if (micros <= budgetMicros) {
            try {
                var r = table.client().updateItem(b -> b.tableName(table.name())
                        .key(Table.key(Keys.limitsPk(accountId), sk))
                        .updateExpression("ADD micros :m, charged :run SET accountId = :acct, #exp = :exp")
                        .conditionExpression("(attribute_not_exists(micros) OR micros <= :room) "
                                + "AND (attribute_not_exists(charged) OR NOT contains(charged, :id))")
                        .expressionAttributeNames(Map.of("#exp", Table.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":m", Table.n(micros), ":run",
                                AttributeValue.builder().ss(runId).build(), ":room", Table.n(budgetMicros - micros),
                                ":id", Table.s(runId), ":acct", Table.s(accountId),
                                ":exp", Table.n(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).plus(SPEND_TTL).toEpochSecond())))
                        .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
                return new Spend(true, Long.parseLong(r.attributes().get("micros").n()));
            } catch (ConditionalCheckFailedException e) {
                // below: already charged, or over budget
            }
        }
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name())
                .key(Table.key(Keys.limitsPk(accountId), sk)).consistentRead(true)).item();
        long reserved = item == null || item.get("micros") == null ? 0 : Long.parseLong(item.get("micros").n());
        List<String> charged = item == null || item.get("charged") == null ? List.of() : item.get("charged").ss();
        return new Spend(charged.contains(runId), reserved);
    }
}
