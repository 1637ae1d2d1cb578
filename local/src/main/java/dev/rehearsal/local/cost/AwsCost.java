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
                seed, llmCalls > 0 ? steppedStandIn() : new OfflinePersonaEngine(), 4);
        return AwsBill.of(m, AwsPriceList.bundled(), llmCalls, llmLatencyMs, times);
    }

    /**
     * An LLM run's orchestration without an LLM: the offline engine's replies behind a responder that is not
     * the offline engine, so the definition takes the path an LLM run takes (walks stepped one Lambda call
     * per step in Standard children); the model's latency is added to ExecuteStep by {@link AwsBill}.
     */
    static dev.rehearsal.engine.llm.PersonaResponder steppedStandIn() {
        OfflinePersonaEngine offline = new OfflinePersonaEngine();
        return new dev.rehearsal.engine.llm.PersonaResponder() {
            @Override
            public dev.rehearsal.engine.llm.PersonaReply respond(dev.rehearsal.engine.llm.ReplyRequest request) {
                return offline.respond(request);
            }

            @Override
            public String name() {
                return "llm-stand-in";
            }
        };
    }
}
