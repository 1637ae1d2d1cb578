package dev.rehearsal.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowRepositoryTest {
    static WorkflowRepository repo;

    @BeforeAll
    static void table() {
        repo = new WorkflowRepository(TestTables.fresh(Clock.systemUTC()));
    }

    @Test
    void savesVersionsAndReadsLatestAndEach() {
        String a = TestTables.account();
        assertTrue(repo.latest(a, "wf").isEmpty());
        assertEquals(1, repo.save(a, "wf", "{\"v\":1}").value().version());
        assertEquals(2, repo.save(a, "wf", "{\"v\":2}").value().version());
        assertEquals("{\"v\":2}", repo.latest(a, "wf").orElseThrow().definition());
        assertEquals("{\"v\":1}", repo.get(a, "wf", 1).orElseThrow().definition());
        assertTrue(repo.get(a, "wf", 3).isEmpty());
        assertTrue(repo.get(a, "wf", 0).isEmpty());
    }

    @Test
    void savingTheSameDefinitionAgainAddsNoVersion() {
        String a = TestTables.account();
        repo.save(a, "wf", "{\"same\":true}");
        Stored<WorkflowVersion> again = repo.save(a, "wf", "{\"same\":true}");
        assertFalse(again.created());
        assertEquals(1, again.value().version());
    }

    @Test
    void versionsArePagedNewestFirst() {
        String a = TestTables.account();
        for (int i = 1; i <= 11; i++) repo.save(a, "wf", "{\"v\":" + i + "}");
        List<Integer> seen = new ArrayList<>();
        String token = null;
        do {
            Page<WorkflowVersion> p = repo.versions(a, "wf", 4, token);
            p.items().forEach(v -> seen.add(v.version()));
            token = p.nextToken();
        } while (token != null);
        assertEquals(List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), seen);
    }

    @Test
    void concurrentSavesNeverShareAVersion() throws Exception {
        String a = TestTables.account();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicInteger conflicts = new AtomicInteger();
        List<Integer> won = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            fs.add(pool.submit(() -> {
                try {
                    won.add(repo.save(a, "race", "{\"n\":" + n + "}").value().version());
                } catch (ConflictException e) {
                    conflicts.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertEquals(12, won.size() + conflicts.get());
        assertEquals(won.size(), won.stream().distinct().count(), "no version handed out twice: " + won);
        assertEquals(won.size(), repo.latest(a, "race").orElseThrow().version());
    }

    @Test
    void otherAccountsSeeNothing() {
        String a = TestTables.account();
        repo.save(a, "wf", "{}");
        assertTrue(repo.latest(TestTables.account(), "wf").isEmpty());
    }
}
