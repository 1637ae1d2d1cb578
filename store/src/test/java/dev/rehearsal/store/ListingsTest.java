package dev.rehearsal.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The account listings (docs/STORE.md, "Listings"): newest first, paged, one account's, through the by-time index and the workflow partitions. */
class ListingsTest {
    static TestTables.MutableClock clock = new TestTables.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    static Store store;

    @BeforeAll
    static void table() {
        store = Store.over(TestTables.fresh(clock));
    }

    static void tick() {
        // a whole second, then a sub-second step: Instant.toString drops trailing zeros, the sort key must not
        clock.advance(Duration.ofMillis(1000));
    }

    @Test
    void workflowsNewestSavedFirstOneEntryEachWithTheLatestVersion() {
        String a = TestTables.account();
        store.workflows().save(a, "wf-1", "{\"name\":\"First\"}");
        clock.advance(Duration.ofMillis(1500));
        store.workflows().save(a, "wf-2", "{\"name\":\"Second\"}");
        clock.advance(Duration.ofMillis(500));
        store.workflows().save(a, "wf-1", "{\"name\":\"First, again\"}");
        Page<WorkflowSummary> p = store.workflows().list(a, 10, null);
        assertEquals(List.of("wf-1", "wf-2"), p.items().stream().map(WorkflowSummary::workflowId).toList());
        assertEquals(2, p.items().get(0).version());
        assertEquals("First, again", p.items().get(0).name());
        assertNull(p.nextToken());
        assertTrue(store.workflows().list(TestTables.account(), 10, null).items().isEmpty(), "another account sees none");
        assertEquals(2, store.workflows().latest(a, "wf-1").orElseThrow().version(), "HEAD is not a version");
    }

    @Test
    void suitesNewestSavedFirst() {
        String a = TestTables.account();
        store.suites().put(a, "s-1", "{\"name\":\"one\"}");
        tick();
        store.suites().put(a, "s-2", "{\"name\":\"two\"}");
        tick();
        store.suites().put(a, "s-1", "{\"name\":\"one again\"}");
        assertEquals(List.of("s-1", "s-2"), store.suites().list(a, 10, null).items().stream().map(Suite::suiteId).toList());
    }

    @Test
    void runsPageNewestFirstByWorkflowAndStatus() {
        String a = TestTables.account();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = String.format("run-%032x", i);
            store.runs().create(a, id, i % 2 == 0 ? "even" : "odd", 1, List.of("busy-bob"), i);
            ids.add(0, id);
            clock.advance(Duration.ofMillis(i % 2 == 0 ? 1000 : 250));
        }
        store.runs().finish(a, ids.get(1), RunStatus.COMPLETED, null, "pass");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<RunRecord> p = store.runs().list(a, null, null, 3, token);
            p.items().forEach(r -> seen.add(r.runId()));
            token = p.nextToken();
            pages++;
        } while (token != null);
        assertEquals(ids, seen, "every run once, newest first");
        assertTrue(pages >= 3);
        assertEquals(ids.stream().filter(id -> Integer.parseInt(id.substring(4), 16) % 2 == 1).toList(),
                store.runs().list(a, "odd", null, 10, null).items().stream().map(RunRecord::runId).toList());
        assertEquals(List.of(ids.get(1)), store.runs().list(a, null, RunStatus.COMPLETED, 10, null).items().stream()
                .map(RunRecord::runId).toList());
        assertEquals(List.of(), store.runs().list(a, "even", RunStatus.COMPLETED, 10, null).items());
        assertTrue(store.runs().list(TestTables.account(), null, null, 10, null).items().isEmpty());
    }

    @Test
    void aTokenIsCheckedAndCannotLeaveTheCallersPartition() {
        String a = TestTables.account();
        String b = TestTables.account();
        store.runs().create(a, String.format("run-%032x", 1), "wf", 1, List.of("busy-bob"), 1);
        tick();
        store.runs().create(a, String.format("run-%032x", 2), "wf", 1, List.of("busy-bob"), 1);
        String token = store.runs().list(a, null, null, 1, null).nextToken();
        assertTrue(token != null);
        assertTrue(store.runs().list(b, null, null, 10, token).items().isEmpty(), "A's token in B's listing: B's items only");
        for (String bad : List.of("%%%", enc("PERSONA#x"), enc("2030-01-01T00:00:00.000000000Z#a#b"), enc("x".repeat(2000)))) {
            assertThrows(InvalidPageTokenException.class, () -> store.runs().list(a, null, null, 10, bad), bad);
        }
    }

    static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
