package dev.rehearsal.functions.snapstart;

import dev.rehearsal.engine.report.Report;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Priming exercises the real paths and leaves no trace: it runs before every SnapStart snapshot. */
class SnapStartPrimingTest {
    @Test
    void engineHotPathsRunInMemory() {
        Report r = SnapStartPriming.prime();
        assertEquals(3, r.personas().size());
        assertTrue(r.personas().stream().anyMatch(p -> p.goals().contains("booked")), "Eddie books in the priming workflow");
        assertTrue(r.personas().stream().anyMatch(p -> p.optedOut() != null), "Carl opts out in the priming workflow");
        assertEquals(0, r.issues().stream().filter(i -> i.severity().failsRun()).count(), r.issues().toString());
    }

    @Test
    void apiPrimingAnswersThroughTheRouterAndWritesNothing() {
        String name = "prime-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        Store store = Store.over(new Table(Dynalite.shared().client(), name));
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Consumer<String> before = dev.rehearsal.functions.observe.JsonLog.sink(lines::add);
        var response = ApiPriming.run(new Services(store, run -> fail("priming starts no run")));
        dev.rehearsal.functions.observe.JsonLog.sink(before);
        assertEquals(java.util.List.of(), lines, "a priming request is no traffic: no log line, no metric");
        var answer = dev.rehearsal.engine.json.JsonTrees.read(response);
        assertEquals(200, answer.get("statusCode").asInt(), response);
        assertTrue(answer.get("body").asText().contains("Eager Eddie"), response);
        assertEquals(0, Dynalite.shared().client().scan(ScanRequest.builder().tableName(name).build()).count());
    }

    @Test
    void registeringOnAJvmWithoutCracIsHarmlessAndExtrasAreIsolated() {
        SnapStartPriming.register(() -> {
            throw new IllegalStateException("a failing extra must not stop the checkpoint");
        });
        assertDoesNotThrow(SnapStartPriming::runForCheckpoint);
    }
}
