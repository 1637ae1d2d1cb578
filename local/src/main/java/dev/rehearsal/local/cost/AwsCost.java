package dev.rehearsal.local.cost;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.providers.cost.AwsPriceList;

import java.nio.file.Path;
import java.util.List;

/** `rehearse estimate --aws`: measure one rehearsal through the state machine, then price it. */
public final class AwsCost {
    private AwsCost() {
    }

    public static AwsBill measure(Path template, String workflowJson, String workflowId, List<Persona> personas, int walks,
                                  long seed, long llmCalls, long llmLatencyMs, double times) throws InterruptedException {
        OrchestrationMeter.Measurement m = new OrchestrationMeter(template).measure(workflowJson, workflowId, personas, walks,
                seed, new OfflinePersonaEngine(), 4);
        return AwsBill.of(m, AwsPriceList.bundled(), llmCalls, llmLatencyMs, times);
    }
}
