package dev.rehearsal.functions.steps;

import dev.rehearsal.engine.codec.PersonaCodec;
import dev.rehearsal.engine.codec.SessionCodec;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.WorkflowVersion;

import java.io.IOException;

/** Reads what a step needs by reference: the run, its workflow version, a persona, a test's session. */
final class RunData {
    private RunData() {
    }

    static RunRecord run(Store store, String accountId, String runId) {
        return store.runs().get(accountId, runId)
                .orElseThrow(() -> new StepInputException("run " + runId + " does not exist"));
    }

    static WorkflowVersion workflowVersion(Store store, RunRecord run) {
        return store.workflows().get(run.accountId(), run.workflowId(), run.workflowVersion())
                .orElseThrow(() -> new StepInputException("workflow " + run.workflowId() + " v" + run.workflowVersion()
                        + " does not exist"));
    }

    static Workflow workflow(Store store, RunRecord run) {
        WorkflowParser.Result r = WorkflowParser.parseStored(workflowVersion(store, run).definition());
        if (!r.ok()) throw new WorkflowInvalidException("workflow " + run.workflowId() + " v" + run.workflowVersion()
                + " does not parse: " + r.problems());
        return r.workflow();
    }

    /**
     * The persona as the run captured it when it was requested; the live persona only for a run
     * requested before snapshots existed. Deleting or editing a persona never changes a run in flight.
     */
    static Persona persona(Store store, RunRecord run, String personaId) {
        java.util.Optional<String> snapshot = store.runs().personaSnapshot(run.accountId(), run.runId(), personaId);
        if (snapshot.isPresent()) {
            try {
                return PersonaCodec.read(snapshot.get());
            } catch (IOException e) {
                throw new IllegalStateException("the run's copy of persona " + personaId + " is unreadable", e);
            }
        }
        return store.personas().get(run.accountId(), personaId)
                .orElseThrow(() -> new StepInputException("persona " + personaId + " does not exist"));
    }

    static SimulationOptions options(RunRecord run) {
        return SimulationOptions.defaults(run.seed());
    }

    static SimulationSession session(PersonaTest t) {
        if (t.session() == null) throw new StepInputException("test " + t.testId() + " has no session");
        try {
            return SessionCodec.read(t.session());
        } catch (IOException e) {
            throw new IllegalStateException("stored session of " + t.testId() + " is unreadable", e);
        }
    }
}
