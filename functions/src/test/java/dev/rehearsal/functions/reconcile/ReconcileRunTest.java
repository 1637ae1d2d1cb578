package dev.rehearsal.functions.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EventBridge events of events/reconcile, as Step Functions sends them, against runs on dynalite. */
class ReconcileRunTest {
    final Store store;
    final ReconcileRun handler;

    ReconcileRunTest() {
        String name = "reconcile-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        store = Store.over(new Table(Dynalite.shared().client(), name));
        handler = new ReconcileRun(new StepServices(store, new OfflinePersonaEngine()));
    }

    static JsonNode event(String file, String accountId, String runId) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("events/reconcile"))) p = p.getParent();
        JsonNode e = Json.mapper().readTree(p.resolve("events/reconcile/" + file).toFile());
        ((ObjectNode) e.get("detail")).put("input", Json.write(Map.of("accountId", accountId, "runId", runId,
                "workflowId", "wf", "workflowVersion", 1)));
        return e;
    }

    RunRecord running(String account) {
        return store.runs().create(account, "run-" + UUID.randomUUID().toString().replace("-", ""), "wf", 1,
                List.of("busy-bob"), 7).value();
    }

    @Test
    void aTimedOutExecutionFailsItsRunTimedOutOnce() throws Exception {
        RunRecord run = running("acme");
        JsonNode out = handler.handle(event("execution-timed-out.json", "acme", run.runId()));
        assertEquals("FAILED", out.get("status").asText());
        RunRecord after = store.runs().get("acme", run.runId()).orElseThrow();
        assertEquals(RunStatus.FAILED, after.status());
        assertTrue(after.error().startsWith("timed_out: "), after.error());
        handler.handle(event("execution-timed-out.json", "acme", run.runId()));
        assertEquals(after, store.runs().get("acme", run.runId()).orElseThrow(), "a repeated event changes nothing");
    }

    @Test
    void anAbortedExecutionCancelsItsRunButNeverUndoesACompletion() throws Exception {
        RunRecord run = running("acme");
        assertEquals("CANCELLED", handler.handle(event("execution-aborted.json", "acme", run.runId())).get("status").asText());
        RunRecord done = running("acme");
        store.runs().finish("acme", done.runId(), RunStatus.COMPLETED, null);
        assertEquals("UNCHANGED", handler.handle(event("execution-aborted.json", "acme", done.runId())).get("status").asText());
        assertEquals(RunStatus.COMPLETED, store.runs().get("acme", done.runId()).orElseThrow().status());
    }

    @Test
    void theAccountComesFromTheExecutionInputSoAnotherAccountsRunIsNeverTouched() throws Exception {
        RunRecord run = running("acme");
        JsonNode out = handler.handle(event("execution-timed-out.json", "intruder", run.runId()));
        assertEquals("UNCHANGED", out.get("status").asText(), out.toString());
        assertEquals(RunStatus.RUNNING, store.runs().get("acme", run.runId()).orElseThrow().status());
    }

    @Test
    void anEventWithoutItsInputIsIgnored() throws Exception {
        JsonNode e = event("execution-timed-out.json", "acme", "run-x");
        ((ObjectNode) e.get("detail")).putNull("input");
        assertEquals("IGNORED", handler.handle(e).get("status").asText());
    }
}
