package dev.rehearsal.local.cli;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The throwaway walks run while an LLM provider is being built leave nothing behind that a rehearsal could see. */
class EngineWarmUpTest {
    static String report(Workflow wf, List<Persona> personas, SimulationOptions options) {
        return Json.write(Rehearsal.run(new Rehearsal.Spec(wf, personas, new OfflinePersonaEngine(), options, List.of(),
                null, null, null, Runs.of(5), 2)));
    }

    @Test
    void aRehearsalAfterTheWarmUpWalksIsTheSameBytes() throws Exception {
        for (String name : List.of("sms-lead-followup", "email-nurture")) {
            Workflow wf = WorkflowParser.parseOrThrow(Files.readString(CliTest.examples().resolve(name + ".workflow.json")));
            List<Persona> personas = PersonaCatalog.builtIns();
            SimulationOptions options = SimulationOptions.defaults(11);
            String before = report(wf, personas, options);
            EngineWarmUp.walkOnce(wf, personas, options, () -> false);
            EngineWarmUp.walkOnce(wf, personas, SimulationOptions.defaults(12), () -> false);
            assertEquals(before, report(wf, personas, options), name);
        }
    }

    @Test
    void itStopsAsSoonAsTheProviderIsReady() throws Exception {
        Workflow wf = WorkflowParser.parseOrThrow(Files.readString(CliTest.examples().resolve("sms-lead-followup.workflow.json")));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // Ready after the second persona: the third and later are never walked.
        EngineWarmUp.walkOnce(wf, PersonaCatalog.builtIns(), SimulationOptions.defaults(1), () -> asked.incrementAndGet() > 2);
        assertEquals(3, asked.get(), "asked before each persona, and not again once ready");
    }
}
