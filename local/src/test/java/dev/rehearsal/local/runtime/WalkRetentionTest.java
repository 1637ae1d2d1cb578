package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.TestIds;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Once the report is built, a many-walk run keeps what a person reads (each distinct path's first walk)
 * and lets the other walks' sessions and interactions expire; reading an expired walk answers 410.
 * The state machine runs on dynalite; "later" is a second view of the same table with its clock moved
 * past the in-flight TTL (dynalite never deletes expired items; the reads filter them).
 */
class WalkRetentionTest {
    static final String ACCOUNT = "acme";

    @Test
    void afterTheInFlightTtlOnlyEachPathsRepresentativeWalkIsReadable() throws Exception {
        String table = "ret-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), table);
        Store now = Store.over(new Table(Dynalite.shared().client(), table));
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        int v = now.workflows().save(ACCOUNT, "sms", wf).value().version();
        String runId = "run-" + UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("skeptical-sarah", "price-conscious-pam");
        int walks = 8;
        RunRecord run = now.runs().create(ACCOUNT, runId, "sms", v, people, 11, walks).value();
        try (LocalRuntime rt = RuntimeFixture.runtime(now)) {
            Execution ex = rt.start(new RunRef(ACCOUNT, runId, "sms", v)).await(120, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        }
        JsonNode report = Json.mapper().readTree(now.runs().report(ACCOUNT, runId).orElseThrow().document());
        Set<String> representatives = new HashSet<>();
        for (JsonNode p : report.get("personas")) {
            representatives.add(p.get("id").asText() + ".w0");
            for (JsonNode share : p.path("paths")) representatives.add(p.get("id").asText() + ".w" + share.get("walk").asInt());
        }
        // Every walk is readable while the run is fresh.
        for (String p : people) {
            for (int w = 0; w < walks; w++) {
                assertFalse(now.runs().interactions(ACCOUNT, runId, TestIds.of(runId, p, w), 100, null).items().isEmpty());
            }
        }

        Clock later = Clock.offset(Clock.systemUTC(), RunRepository.IN_FLIGHT.plus(Duration.ofDays(1)));
        Store afterTtl = Store.over(new Table(Dynalite.shared().client(), table, later));
        int kept = 0, dropped = 0;
        for (String p : people) {
            for (int w = 0; w < walks; w++) {
                String testId = TestIds.of(runId, p, w);
                boolean readable = !afterTtl.runs().interactions(ACCOUNT, runId, testId, 100, null).items().isEmpty();
                assertEquals(representatives.contains(p + ".w" + w), readable, testId + " kept: " + representatives);
                assertEquals(readable, afterTtl.runs().getTest(ACCOUNT, testId).isPresent(), testId);
                if (readable) kept++;
                else dropped++;
            }
        }
        assertTrue(dropped > 0, "some walks repeat a path and are not kept: " + representatives);
        assertTrue(kept >= people.size());
        // The run and its report stay: the report still counts every walk.
        assertTrue(afterTtl.runs().report(ACCOUNT, runId).isPresent());
        assertEquals(walks, Json.mapper().readTree(afterTtl.runs().report(ACCOUNT, runId).orElseThrow().document())
                .at("/personas/0/walks").asInt());

        // Over HTTP, an expired walk answers 410 with a code saying it was not retained; a kept one answers 200.
        try (LocalRuntime rt = RuntimeFixture.runtime(afterTtl); LocalApiServer api = new LocalApiServer(rt, 0, ACCOUNT)) {
            HttpClient http = HttpClient.newHttpClient();
            String gone = null, there = null;
            for (String p : people) {
                for (int w = 1; w < walks; w++) {
                    if (representatives.contains(p + ".w" + w)) there = there == null ? p + "&walk=" + w : there;
                    else gone = gone == null ? p + "&walk=" + w : gone;
                }
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/tests/" + runId
                    + "/interactions?persona=" + gone)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(410, r.statusCode(), r.body());
            assertEquals("walk_not_retained", Json.mapper().readTree(r.body()).at("/error/code").asText(), r.body());
            if (there != null) {
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/tests/" + runId
                        + "/interactions?persona=" + there)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode(), ok.body());
            }
        }
    }
}
