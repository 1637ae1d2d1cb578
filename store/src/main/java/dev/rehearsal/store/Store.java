package dev.rehearsal.store;

import java.time.Clock;

/** All repositories over one table. */
public record Store(Table table, PersonaRepository personas, WorkflowRepository workflows, RunRepository runs,
                    SuiteRepository suites, ReplayCacheRepository replayCache) {

    /** Per-account limits (active runs, daily LLM spend). */
    public AccountLimitsRepository limits() {
        return new AccountLimitsRepository(table);
    }

    public static Store over(Table table) {
        return over(table, Retention.DEFAULT);
    }

    public static Store over(Table table, Retention keep) {
        return new Store(table, new PersonaRepository(table, keep.definitions()),
                new WorkflowRepository(table, keep.definitions()), new RunRepository(table, keep.runs()),
                new SuiteRepository(table, keep.definitions()), new ReplayCacheRepository(table, keep.replays()));
    }

    public static Store over(software.amazon.awssdk.services.dynamodb.DynamoDbClient client, String tableName,
                             Clock clock) {
        return over(new Table(client, tableName, clock));
    }
}
