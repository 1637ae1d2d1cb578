package dev.rehearsal.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Run slots and daily spend on dynalite: capped atomically, idempotent per run, released with the run. */
class AccountLimitsRepositoryTest {
    static final TestTables.MutableClock clock = new TestTables.MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    static Table table;
    static AccountLimitsRepository limits;

    @BeforeAll
    static void table() {
        table = TestTables.fresh(clock);
        limits = new AccountLimitsRepository(table);
    }

    @Test
    void slotsAreCappedPerAccountIdempotentPerRunAndFreedWhenTheRunFinishes() {
        String a = TestTables.account(), b = TestTables.account();
        assertTrue(limits.acquireRunSlot(a, "run-1", 2));
        assertTrue(limits.acquireRunSlot(a, "run-1", 2), "a retried start of the same run takes no second slot");
        assertTrue(limits.acquireRunSlot(a, "run-2", 2));
        assertFalse(limits.acquireRunSlot(a, "run-3", 2), "the third concurrent run is refused");
        assertTrue(limits.acquireRunSlot(a, "run-2", 2), "a held slot is still granted to its own run");
        assertTrue(limits.acquireRunSlot(b, "run-3", 2), "another account's cap is its own");
        assertEquals(Set.of("run-1", "run-2"), limits.activeRuns(a));

        RunRepository runs = new RunRepository(table, Duration.ofDays(1));
        runs.create(a, "run-1", "wf", 1, List.of("busy-bob"), 1);
        runs.finish(a, "run-1", RunStatus.COMPLETED, null);
        assertEquals(Set.of("run-2"), limits.activeRuns(a), "finishing a run frees its slot");
        runs.finish(a, "run-1", RunStatus.COMPLETED, null);
        limits.releaseRunSlot(a, "never-held");
        assertTrue(limits.acquireRunSlot(a, "run-3", 2));
        assertFalse(limits.acquireRunSlot(a, "run-4", 2));
    }

    @Test
    void concurrentStartsNeverPassTheCap() throws Exception {
        String a = TestTables.account();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> got = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "run-" + i;
                got.add(pool.submit(() -> limits.acquireRunSlot(a, id, 3)));
            }
            int granted = 0;
            for (Future<Boolean> f : got) if (f.get()) granted++;
            assertEquals(3, granted);
            assertEquals(3, limits.activeRuns(a).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDaysSpendIsReservedOncePerRunAndRefusedPastTheBudget() {
        String a = TestTables.account();
        LocalDate day = LocalDate.of(2030, 1, 1);
        assertEquals(new AccountLimitsRepository.Spend(true, 400_000), limits.reserveSpend(a, "r1", day, 400_000, 1_000_000));
        assertEquals(new AccountLimitsRepository.Spend(true, 400_000), limits.reserveSpend(a, "r1", day, 400_000, 1_000_000),
                "a retried start is not charged twice");
        assertEquals(new AccountLimitsRepository.Spend(true, 800_000), limits.reserveSpend(a, "r2", day, 400_000, 1_000_000));
        assertEquals(new AccountLimitsRepository.Spend(false, 800_000), limits.reserveSpend(a, "r3", day, 400_000, 1_000_000));
        assertEquals(new AccountLimitsRepository.Spend(true, 1_000_000), limits.reserveSpend(a, "r4", day, 200_000, 1_000_000),
                "exactly the budget is allowed");
        assertEquals(new AccountLimitsRepository.Spend(false, 0), limits.reserveSpend(a, "big", day.plusDays(1), 2_000_000,
                1_000_000), "a run dearer than the whole budget is refused on a fresh day, nothing written");
        assertTrue(table.get(Keys.limitsPk(a), "SPEND#" + day.plusDays(1)).isEmpty());
        assertEquals(new AccountLimitsRepository.Spend(true, 400_000), limits.reserveSpend(a, "r3", day.plusDays(1), 400_000,
                1_000_000), "the next day starts from zero");
        long expires = Table.num(table.get(Keys.limitsPk(a), "SPEND#" + day).orElseThrow(), Table.EXPIRES_AT, 0);
        assertEquals(Instant.parse("2030-01-04T00:00:00Z").getEpochSecond(), expires, "kept two days after its day ends");
    }
}
