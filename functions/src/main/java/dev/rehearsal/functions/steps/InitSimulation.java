package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.codec.SessionCodec;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Stored;
import dev.rehearsal.store.TestIds;

/**
 * One Map iteration's start: input {accountId, runId, personaId, walk}. Creates the test of that walk
 * of the persona with a fresh session (once: a retry finds the stored test and returns its cursor) and
 * returns the cursor. {@code walk} defaults to 0 (runs started before walks existed).
 */
public class InitSimulation extends StepHandler {
    private final StepServices services;

    public InitSimulation() {
        this(StepServices.fromEnvironment());
    }

    public InitSimulation(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        String personaId = text(input, "personaId");
        RunRecord run = RunData.run(services.store(), accountId, text(input, "runId"));
        if (!run.personaIds().contains(personaId)) {
            throw new StepInputException("persona " + personaId + " is not part of run " + run.runId());
        }
        int walk = input.path("walk").asInt(0);
        if (walk < 0 || walk >= run.walks()) {
            throw new StepInputException("walk " + walk + " is not part of run " + run.runId() + " (" + run.walks() + " walks)");
        }
        String testId = TestIds.of(run.runId(), personaId, walk);
        Stored<PersonaTest> test = services.store().runs().createTest(accountId, run.runId(), personaId, walk);
        SimulationSession s;
        if (test.value().session() != null) {
            s = RunData.session(test.value());
        } else {
            Workflow wf = RunData.workflow(services.store(), run);
            Persona p = RunData.persona(services.store(), run, personaId);
            s = Simulator.start(wf, p, RunData.options(run), walk);
            services.store().runs().saveTest(accountId, new PersonaTest(testId, run.runId(), personaId, "RUNNING",
                    SessionCodec.write(s), null));
        }
        return Cursor.of(accountId, run.runId(), testId, personaId, s).toJson();
    }
}
