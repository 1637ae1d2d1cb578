package dev.rehearsal.store;

import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each kind of item expires after its stage's retention; definitions only when a retention is set. */
class RetentionTest {
    final TestTables.MutableClock clock = new TestTables.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final Table table = TestTables.fresh(clock);

    static Persona custom(String id) {
        return PersonaCatalog.builtIns().get(0).withId(id, false);
    }

    @Test
    void definitionsRunsAndReplaysExpireAfterTheirRetention() {
        Store store = Store.over(table, new Retention(Duration.ofDays(3), Duration.ofDays(10), Duration.ofDays(1)));
        String a = TestTables.account();
        store.personas().put(a, custom("pat"));
        store.workflows().save(a, "wf", "{\"id\":\"wf\"}");
        store.suites().put(a, "nightly", "{}");
        store.runs().create(a, "run-1", "wf", 1, List.of("pat"), 1);
        store.replayCache().putIfAbsent(a, "k", "{}");

        clock.advance(Duration.ofDays(2));
        assertTrue(store.replayCache().get(a, "k").isEmpty(), "replays: 1 day");
        assertTrue(store.runs().get(a, "run-1").isPresent());
        clock.advance(Duration.ofDays(2));
        assertTrue(store.runs().get(a, "run-1").isEmpty(), "runs: 3 days");
        assertTrue(store.personas().getCustom(a, "pat").isPresent());
        store.suites().put(a, "nightly", "{\"v\":2}");   // a write renews it
        clock.advance(Duration.ofDays(7));
        assertTrue(store.personas().getCustom(a, "pat").isEmpty(), "definitions: 10 days after the last write");
        assertTrue(store.workflows().latest(a, "wf").isEmpty());
        assertTrue(store.suites().get(a, "nightly").isPresent(), "rewritten 7 days ago");
    }

    @Test
    void withoutADefinitionRetentionDefinitionsStayUntilDeleted() {
        Store store = Store.over(table, Retention.fromEnvironment(Map.of("RUN_RETENTION_DAYS", "5")));
        String a = TestTables.account();
        store.personas().put(a, custom("pat"));
        assertFalse(table.get(Keys.personasPk(a), Keys.personaSk("pat")).orElseThrow().containsKey(Table.EXPIRES_AT));
        store.runs().create(a, "run-1", "wf", 1, List.of("pat"), 1);
        assertEquals(Instant.parse("2030-01-06T00:00:00Z").getEpochSecond(),
                Table.num(table.get(Keys.runPk(a, "run-1"), Keys.RUN_SK).orElseThrow(), Table.EXPIRES_AT, 0));
    }

    @Test
    void settingsAreReadFromTheEnvironmentAndBadOnesNamed() {
        Retention r = Retention.fromEnvironment(Map.of("RUN_RETENTION_DAYS", "14", "DEFINITION_RETENTION_DAYS", "365",
                "REPLAY_RETENTION_DAYS", "7"));
        assertEquals(new Retention(Duration.ofDays(14), Duration.ofDays(365), Duration.ofDays(7)), r);
        assertEquals(Retention.DEFAULT, Retention.fromEnvironment(Map.of()));
        assertNull(Retention.fromEnvironment(Map.of("DEFINITION_RETENTION_DAYS", "0")).definitions());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Retention.fromEnvironment(Map.of("RUN_RETENTION_DAYS", "two weeks")));
        assertTrue(e.getMessage().contains("RUN_RETENTION_DAYS"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Retention.fromEnvironment(Map.of("REPLAY_RETENTION_DAYS", "0")));
    }
}
