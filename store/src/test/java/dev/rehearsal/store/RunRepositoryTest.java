package dev.rehearsal.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRepositoryTest {
    static TestTables.MutableClock clock = new TestTables.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    static Table table;
    static RunRepository repo;

    @BeforeAll
    static void table() {
        table = TestTables.fresh(clock);
        repo = new RunRepository(table, Duration.ofDays(1));
    }

    @Test
    void createIsIdempotentAndFinishMovesOnlyFromRunning() {
        String a = TestTables.account();
        Stored<RunRecord> first = repo.create(a, "run1", "wf", 3, List.of("eager-eddie", "cold-carl"), 42);
        assertTrue(first.created());
        Stored<RunRecord> again = repo.create(a, "run1", "other", 9, List.of("busy-bob"), 7);
        assertFalse(again.created());
        assertEquals("wf", again.value().workflowId(), "the retry returns the stored run, not its own");
        assertEquals(List.of("eager-eddie", "cold-carl"), again.value().personaIds());
        assertEquals(RunStatus.RUNNING, repo.get(a, "run1").orElseThrow().status());

        RunRecord failed = repo.finish(a, "run1", RunStatus.FAILED, "States.TaskFailed: boom");
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("States.TaskFailed: boom", repo.get(a, "run1").orElseThrow().error());
        assertEquals(RunStatus.FAILED, repo.finish(a, "run1", RunStatus.FAILED, "again").status(), "retry is a no-op");
        assertThrows(ConflictException.class, () -> repo.finish(a, "run1", RunStatus.COMPLETED, null));
        assertThrows(ConflictException.class, () -> repo.finish(a, "nope", RunStatus.COMPLETED, null));
    }

    @Test
    void testsAreCreatedOnceAndSaved() {
        String a = TestTables.account();
        repo.create(a, "run2", "wf", 1, List.of("eager-eddie", "busy-bob"), 1);
        assertTrue(repo.createTest(a, "run2", "eager-eddie").created());
        repo.createTest(a, "run2", "busy-bob");
        repo.saveTest(a, new PersonaTest("run2.eager-eddie", null, null, "RUNNING", "{\"cursor\":\"s2\"}", null));
        Stored<PersonaTest> retry = repo.createTest(a, "run2", "eager-eddie");
        assertFalse(retry.created());
        assertEquals("RUNNING", retry.value().status(), "a retried create does not reset the test");
        assertEquals("{\"cursor\":\"s2\"}", repo.getTest(a, "run2.eager-eddie").orElseThrow().session());
        assertEquals(List.of("busy-bob", "eager-eddie"), repo.tests(a, "run2").stream().map(PersonaTest::personaId).toList());
    }

    @Test
    void aRetriedInteractionReturnsTheStoredOneAndNeverDuplicates() {
        String a = TestTables.account();
        Stored<Interaction> first = repo.putInteraction(a, "run3.eager-eddie", 0, "{\"reply\":\"yes\"}");
        Stored<Interaction> retry = repo.putInteraction(a, "run3.eager-eddie", 0, "{\"reply\":\"different\"}");
        assertTrue(first.created());
        assertFalse(retry.created());
        assertEquals("{\"reply\":\"yes\"}", retry.value().document());
        assertEquals(1, repo.interactions(a, "run3", null, 100, null).items().size());
    }

    @Test
    void aStepsStateIsReadInOneCallAsTheThreeSingleReadsGiveIt() {
        String a = TestTables.account();
        repo.create(a, "run5", "wf", 2, List.of("eager-eddie", "busy-bob"), 5);
        repo.createTest(a, "run5", "eager-eddie");
        repo.createTest(a, "run5", "busy-bob");
        repo.putInteraction(a, "run5.eager-eddie", 0, "{\"reply\":\"yes\"}");
        repo.putInteraction(a, "run5.busy-bob", 1, "{\"reply\":\"bob\"}");

        RunRepository.StepState s = repo.stepState(a, "run5.eager-eddie", 0);
        assertEquals(repo.getTest(a, "run5.eager-eddie"), s.test());
        assertEquals(repo.get(a, "run5"), s.run());
        assertEquals(repo.getInteraction(a, "run5.eager-eddie", 0), s.interaction());
        assertEquals("{\"reply\":\"yes\"}", s.interaction().orElseThrow().document(), "its own test's, not another's");
        assertEquals(2, s.run().orElseThrow().workflowVersion());

        RunRepository.StepState next = repo.stepState(a, "run5.eager-eddie", 1);
        assertTrue(next.test().isPresent());
        assertTrue(next.interaction().isEmpty(), "busy-bob's step 1 is not eager-eddie's");
        RunRepository.StepState none = repo.stepState(a, "run6.eager-eddie", 0);
        assertEquals(new RunRepository.StepState(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()), none);
        RunRepository.StepState otherAccount = repo.stepState(TestTables.account(), "run5.eager-eddie", 0);
        assertTrue(otherAccount.run().isEmpty() && otherAccount.test().isEmpty() && otherAccount.interaction().isEmpty());
    }

    @Test
    void interactionsArePagedByPersonaThenStep() {
        String a = TestTables.account();
        for (String p : List.of("busy-bob", "eager-eddie")) {
            for (int i = 0; i < 23; i++) repo.putInteraction(a, "run4." + p, i, "{\"i\":" + i + "}");
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Interaction> page = repo.interactions(a, "run4", null, 7, token);
            page.items().forEach(x -> seen.add(x.testId() + "/" + x.stepIndex()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(46, seen.size());
        assertEquals(46, seen.stream().distinct().count());
        assertEquals("run4.busy-bob/0", seen.get(0));
        assertEquals("run4.busy-bob/22", seen.get(22), "numeric order, not lexical (zero-padded index)");
        assertEquals("run4.eager-eddie/0", seen.get(23));
        assertTrue(pages >= 7);
        Page<Interaction> one = repo.interactions(a, "run4", "run4.eager-eddie", 100, null);
        assertEquals(23, one.items().size());
        assertNull(one.nextToken());
        assertTrue(repo.interactions(a, "run4", "other.eager-eddie", 100, null).items().isEmpty());
    }

    @Test
    void reportIsStoredPerRun() {
        String a = TestTables.account();
        assertTrue(repo.report(a, "run5").isEmpty());
        repo.putReport(a, "run5", "{\"score\":80}");
        repo.putReport(a, "run5", "{\"score\":81}");
        assertEquals("{\"score\":81}", repo.report(a, "run5").orElseThrow().document());
    }

    @Test
    void expiredRunDataIsInvisibleAndCanBeRecreated() {
        String a = TestTables.account();
        repo.create(a, "old", "wf", 1, List.of("busy-bob"), 1);
        repo.putInteraction(a, "old.busy-bob", 0, "{}");
        repo.putReport(a, "old", "{}");
        clock.advance(Duration.ofDays(2));
        try {
            assertTrue(repo.get(a, "old").isEmpty());
            assertTrue(repo.report(a, "old").isEmpty());
            assertTrue(repo.interactions(a, "old", null, 10, null).items().isEmpty());
            assertTrue(repo.create(a, "old", "wf", 2, List.of("busy-bob"), 1).created());
            long ttl = Table.num(table.get(Keys.runPk(a, "old"), Keys.RUN_SK).orElseThrow(), Table.EXPIRES_AT, 0);
            assertEquals(clock.instant().plus(Duration.ofDays(1)).getEpochSecond(), ttl);
        } finally {
            clock.advance(Duration.ofDays(-2));
        }
    }

    @Test
    void anotherAccountSeesNoneOfIt() {
        String a = TestTables.account();
        String b = TestTables.account();
        repo.create(a, "mine", "wf", 1, List.of("busy-bob"), 1);
        repo.putInteraction(a, "mine.busy-bob", 0, "{}");
        repo.putReport(a, "mine", "{}");
        assertTrue(repo.get(b, "mine").isEmpty());
        assertTrue(repo.report(b, "mine").isEmpty());
        assertTrue(repo.tests(b, "mine").isEmpty());
        assertTrue(repo.interactions(b, "mine", null, 10, null).items().isEmpty());
        assertThrows(ConflictException.class, () -> repo.finish(b, "mine", RunStatus.COMPLETED, null));
        assertEquals(RunStatus.RUNNING, repo.get(a, "mine").orElseThrow().status());
    }

    @Test
    void testIdsCarryTheirRun() {
        assertEquals("r1", TestIds.runId("r1.busy-bob"));
        assertEquals("busy-bob", TestIds.personaId("r1.busy-bob"));
        assertThrows(IllegalArgumentException.class, () -> TestIds.runId("nodot"));
        assertThrows(IllegalArgumentException.class, () -> Keys.account("a#b"));
    }
}
