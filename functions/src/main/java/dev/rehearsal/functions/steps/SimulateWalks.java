package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Stored;
import dev.rehearsal.store.TestIds;

/**
 * Walks a range of one persona's walks to the end in one invocation: input {accountId, runId, personaId,
 * firstWalk, lastWalk} (a {@link WalkPlan} item). Offline engine only — its walks cost microseconds and are
 * deterministic, so a whole walk per task is safe to repeat. It writes what the stepped path writes (the
 * test of each walk, one interaction per step, the final session, status COMPLETED), idempotently:
 * a walk already COMPLETED is skipped, and a walk cut short by a crash is walked again from its start,
 * where every interaction it already wrote is kept (written only if absent) and the same walk gives the
 * same interactions. An Express child may run this twice (at-least-once); nothing is written twice.
 */
public class SimulateWalks extends StepHandler {
    private final StepServices services;

    public SimulateWalks() {
        this(StepServices.fromEnvironment());
    }

    public SimulateWalks(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        String personaId = text(input, "personaId");
        int first = integer(input, "firstWalk");
        int last = integer(input, "lastWalk");
        RunRecord run = RunData.run(services.store(), accountId, text(input, "runId"));
        if (!run.personaIds().contains(personaId)) {
            throw new StepInputException("persona " + personaId + " is not part of run " + run.runId());
        }
        if (first < 0 || last < first || last >= run.walks()) {
            throw new StepInputException("walks " + first + ".." + last + " are not part of run " + run.runId()
                    + " (" + run.walks() + " walks)");
        }
        if (run.status() != RunStatus.RUNNING) {
            throw new StepInputException("run " + run.runId() + " is " + run.status() + ", not RUNNING");
        }
        PersonaResponder responder = services.responderFor(accountId);
        if (!(responder instanceof OfflinePersonaEngine)) {
            throw new StepInputException("walks are batched with the offline engine only; " + responder.name()
                    + " replies are stepped one per task so a retry never repeats a paid call");
        }
        Workflow wf = RunData.workflow(services.store(), run);
        Persona persona = RunData.persona(services.store(), run, personaId);
        SimulationOptions options = RunData.options(run);
        int walked = 0;
        for (int walk = first; walk <= last; walk++) {
            if (walk(accountId, run, personaId, walk, wf, persona, options, responder)) walked++;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("personaId", personaId);
        out.put("walks", last - first + 1);
        out.put("walked", walked);
        return out;
    }

    /** One walk to its end; false when an earlier attempt already completed it. */
    private boolean walk(String accountId, RunRecord run, String personaId, int walk, Workflow wf, Persona persona,
                         SimulationOptions options, PersonaResponder responder) {
        RunRepository store = services.store().runs();
        Stored<PersonaTest> test = store.createTest(accountId, run.runId(), personaId, walk);
        if ("COMPLETED".equals(test.value().status())) return false;
        long started = System.nanoTime();
        String testId = TestIds.of(run.runId(), personaId, walk);
        SimulationSession s = Simulator.start(wf, persona, options, walk);
        while (!s.done()) {
            Interaction in = Simulator.step(wf, persona, s, responder, options);
            store.putInteraction(accountId, testId, in.stepIndex(), Json.write(in));
        }
        store.saveTest(accountId, new PersonaTest(testId, run.runId(), personaId, "COMPLETED", Json.write(s), null));
        RunMetrics.walkFinished((System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
