package dev.rehearsal.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteAndReplayRepositoryTest {
    static TestTables.MutableClock clock = new TestTables.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    static SuiteRepository suites;
    static ReplayCacheRepository cache;

    @BeforeAll
    static void table() {
        Table t = TestTables.fresh(clock);
        suites = new SuiteRepository(t);
        cache = new ReplayCacheRepository(t, Duration.ofHours(1));
    }

    @Test
    void suitesAndBaselines() {
        String a = TestTables.account();
        assertThrows(ConflictException.class, () -> suites.putBaseline(a, "nightly", "{}"));
        assertTrue(suites.put(a, "nightly", "{\"name\":\"n\"}").created());
        assertFalse(suites.put(a, "nightly", "{\"name\":\"m\"}").created());
        assertEquals("{\"name\":\"m\"}", suites.get(a, "nightly").orElseThrow().document());
        suites.putBaseline(a, "nightly", "{\"digest\":\"abc\"}");
        assertEquals("{\"digest\":\"abc\"}", suites.baseline(a, "nightly").orElseThrow().document());
        String b = TestTables.account();
        assertTrue(suites.get(b, "nightly").isEmpty());
        assertTrue(suites.baseline(b, "nightly").isEmpty());
    }

    @Test
    void replayCacheKeepsTheFirstAnswerUntilItExpires() {
        String a = TestTables.account();
        assertTrue(cache.get(a, "k1").isEmpty());
        assertTrue(cache.putIfAbsent(a, "k1", "{\"reply\":\"one\"}").created());
        Stored<String> second = cache.putIfAbsent(a, "k1", "{\"reply\":\"two\"}");
        assertFalse(second.created());
        assertEquals("{\"reply\":\"one\"}", second.value());
        assertTrue(cache.get(TestTables.account(), "k1").isEmpty(), "scoped to the account");
        clock.advance(Duration.ofHours(2));
        try {
            assertTrue(cache.get(a, "k1").isEmpty());
            assertTrue(cache.putIfAbsent(a, "k1", "{\"reply\":\"three\"}").created(), "an expired entry is replaced");
            assertEquals("{\"reply\":\"three\"}", cache.get(a, "k1").orElseThrow());
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }
}
