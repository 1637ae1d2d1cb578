package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;

/** Runs one persona's whole simulation in-process by looping {@link Simulator#step}. */
public final class SimulationRunner {
    private SimulationRunner() {
    }

    public record PersonaRun(Persona persona, SimulationSession session, List<Interaction> interactions) {
        public List<String> path() {
            return interactions.stream().map(Interaction::stepId).toList();
        }

        public int walk() {
            return session.walk;
        }
    }

    public static PersonaRun run(Workflow wf, Persona persona, PersonaResponder responder, SimulationOptions options) {
        return run(wf, persona, responder, options, ReplyClassifier.rules(), 0);
    }

    /** Walk {@code walk} of the run: its draws differ from every other walk's, and repeat exactly for the same walk. */
    public static PersonaRun run(Workflow wf, Persona persona, PersonaResponder responder, SimulationOptions options,
                                 int walk) {
        return run(wf, persona, responder, options, ReplyClassifier.rules(), walk);
    }

    /** As above, with the classifier that reads replies for the workflow's conditions. */
    public static PersonaRun run(Workflow wf, Persona persona, PersonaResponder responder, SimulationOptions options,
                                 ReplyClassifier classifier) {
        return run(wf, persona, responder, options, classifier, 0);
    }

    public static PersonaRun run(Workflow wf, Persona persona, PersonaResponder responder, SimulationOptions options,
                                 ReplyClassifier classifier, int walk) {
        SimulationSession s = Simulator.start(wf, persona, options, walk);
        List<Interaction> out = new ArrayList<>();
        while (!s.done()) out.add(Simulator.step(wf, persona, s, responder, options, classifier));
        return new PersonaRun(persona, s, out);
    }
}
