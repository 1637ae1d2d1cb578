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
        return new Store(table, new PersonaRepository(table), new WorkflowRepository(table), new RunRepository(table),
                new SuiteRepository(table), new ReplayCacheRepository(table));
    }

    public static Store over(software.amazon.awssdk.services.dynamodb.DynamoDbClient client, String tableName,
                             Clock clock) {
        return over(new Table(client, tableName, clock));
    }
}
