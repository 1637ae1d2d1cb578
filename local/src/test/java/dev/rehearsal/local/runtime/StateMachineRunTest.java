package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.asl.HistoryEvent;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** statemachine/test-run.asl.json on the local executor, tasks dispatched to the handler classes, against dynalite. */
class StateMachineRunTest {
    static final String ACCOUNT = "acme";

    static RunRecord newRun(Store store, String wfJson, String wfId, List<String> personas) {
        int v = store.workflows().save(ACCOUNT, wfId, wfJson).value().version();
        String runId = "run-" + java.util.UUID.randomUUID().toString().replace("-", "");
        return store.runs().create(ACCOUNT, runId, wfId, v, personas, 7).value();
    }

    @Test
    void allSevenPersonasCompleteAndTheReportIsStored() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        RunRecord run = newRun(store, wf, "sms-lead-followup", PersonaCatalog.BUILT_IN_IDS);
        try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
            Execution ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()));
            ex.await(60, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
            assertEquals("COMPLETED", ex.output().path("report").path("status").asText(), ex.output().toString());
        }
        assertEquals(RunStatus.COMPLETED, store.runs().get(ACCOUNT, run.runId()).orElseThrow().status());
        JsonNode report = Json.mapper().readTree(store.runs().report(ACCOUNT, run.runId()).orElseThrow().document());
        assertEquals(7, report.get("personas").size());
        JsonNode carl = null, eddie = null;
        for (JsonNode p : report.get("personas")) {
            if (p.get("id").asText().equals("cold-carl")) carl = p;
            if (p.get("id").asText().equals("eager-eddie")) eddie = p;
        }
        assertTrue(carl.get("path").toString().contains("end_opted_out"), carl.toString());
        assertTrue(eddie.get("goals").toString().contains("booked"), eddie.toString());
        store.runs().tests(ACCOUNT, run.runId()).forEach(t -> assertEquals("COMPLETED", t.status()));
    }

    @Test
    void everyPersonaWalksEveryWalkAsItsOwnMapItemAndTheReportMatchesTheCli() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        int v = store.workflows().save(ACCOUNT, "sms-lead-followup", wf).value().version();
        String runId = "run-" + java.util.UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("skeptical-sarah", "cold-carl");
        RunRecord run = store.runs().create(ACCOUNT, runId, "sms-lead-followup", v, people, 7, 4).value();
        try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
            Execution ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()));
            ex.await(120, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        }
        RunRecord done = store.runs().get(ACCOUNT, runId).orElseThrow();
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals("pass", done.verdict());
        assertEquals(8, store.runs().tests(ACCOUNT, runId).size(), "one test per (persona, walk)");
        JsonNode report = Json.mapper().readTree(store.runs().report(ACCOUNT, runId).orElseThrow().document());
        assertEquals(4, report.at("/run/walks").asInt());
        assertEquals(4, report.at("/personas/0/walks").asInt());
        // The same walks in-process (the CLI's path) give the same personas' paths and path counts.
        var wfParsed = dev.rehearsal.engine.workflow.WorkflowParser.parseOrThrow(wf);
        var local = dev.rehearsal.engine.Rehearsal.run(new dev.rehearsal.engine.Rehearsal.Spec(wfParsed,
                people.stream().map(id -> PersonaCatalog.builtIn(id).orElseThrow()).toList(),
                new dev.rehearsal.engine.offline.OfflinePersonaEngine(), dev.rehearsal.engine.sim.SimulationOptions.defaults(7),
                List.of(), null, null, null, dev.rehearsal.engine.stats.Runs.of(4), 1));
        assertEquals(Json.tree(local.personas()).toString(), report.get("personas").toString());
        // Walks are stored apart: walk 2 of Sarah has its own interactions.
        var page = store.runs().interactions(ACCOUNT, runId, dev.rehearsal.store.TestIds.of(runId, "skeptical-sarah", 2), 100, null);
        assertTrue(!page.items().isEmpty());
        page.items().forEach(i -> assertEquals(runId + ".skeptical-sarah.w2", i.testId()));
    }

    /** Offline walks: one Express child per 50 walks of a persona, one SimulateWalks invocation each. */
    @Test
    void offlineWalksRunWholeInExpressChildrenOfADistributedMap() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        int v = store.workflows().save(ACCOUNT, "sms-lead-followup", wf).value().version();
        String runId = "run-" + java.util.UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("skeptical-sarah", "cold-carl");
        store.runs().create(ACCOUNT, runId, "sms-lead-followup", v, people, 7, 60);
        Execution ex;
        try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
            ex = rt.start(new RunRef(ACCOUNT, runId, "sms-lead-followup", v)).await(120, TimeUnit.SECONDS);
        }
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        assertTrue(ex.history().types().containsAll(List.of("MapRunStarted", "MapRunSucceeded")), ex.history().types().toString());
        assertEquals(4, ex.children().size(), "2 personas x 60 walks in ranges of 50 (0-49, 50-59)");
        ex.children().forEach(c -> assertTrue(c.express() && c.status() == ExecutionStatus.SUCCEEDED, c.toString()));
        var usage = ex.usage();
        assertEquals(4 + 3, usage.taskInvocations(), "4 SimulateWalks, LoadRun, ValidateMessages and GenerateReport; no per-step invocations");
        assertTrue(usage.standardTransitions() < 10, "the parent's transitions do not grow with walks: " + usage);
        assertEquals(120, store.runs().tests(ACCOUNT, runId).size());
        JsonNode report = Json.mapper().readTree(store.runs().report(ACCOUNT, runId).orElseThrow().document());
        assertEquals(60, report.at("/personas/0/walks").asInt());
    }

    @Test
    void anUnknownWorkflowVersionFailsTheRunThroughMarkRunFailed() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String runId = "run-" + java.util.UUID.randomUUID().toString().replace("-", "");
        store.runs().create(ACCOUNT, runId, "ghost", 3, List.of("busy-bob"), 1);
        try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
            Execution ex = rt.start(new RunRef(ACCOUNT, runId, "ghost", 3)).await(30, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.FAILED, ex.status());
            assertEquals("RunFailed", ex.error());
        }
        RunRecord r = store.runs().get(ACCOUNT, runId).orElseThrow();
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.error().startsWith("invalid_step_input: workflow ghost v3 does not exist"), r.error());
    }

    /** DESIGN invariant 1: a 50-step run with 1,500-character messages; the largest state stays under 16 KB. */
    @Test
    void largestStatePayloadOfAFiftyStepRunStaysSmall() throws Exception {
        Store store = RuntimeFixture.freshStore();
        RunRecord run = newRun(store, dev.rehearsal.functions.steps.StepFixture.longWorkflow("long-drip", 49, 1500), "long-drip",
                List.of("chatty-cathy", "busy-bob"));
        int largest = 0;
        String where = null;
        try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
            Execution ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()))
                    .await(120, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
            List<HistoryEvent> events = new java.util.ArrayList<>(ex.history().events());
            ex.children().forEach(c -> events.addAll(c.history().events()));
            for (HistoryEvent e : events) {
                for (String field : List.of("input", "output")) {
                    JsonNode v = e.details() == null ? null : e.details().get(field);
                    if (v == null) continue;
                    int size = (v.isTextual() ? v.asText() : Json.write(v)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    if (size > largest) {
                        largest = size;
                        where = e.type();
                    }
                }
            }
        }
        JsonNode report = Json.mapper().readTree(store.runs().report(ACCOUNT, run.runId()).orElseThrow().document());
        for (JsonNode p : report.get("personas")) assertEquals(50, p.get("path").size(), p.get("path").toString());
        System.out.println("[payload] largest state in a 50-step run with 1500-char messages: " + largest + " bytes (" + where + ")");
        assertTrue(largest > 0);
        assertTrue(largest < 16 * 1024, "largest state " + largest + " bytes at " + where);
    }
}
