package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report stage's hunt: targets are the transitions no walk took and the data-flow pass did not
 * prove dead; then the defect hunt tries risky timings on every path, covered or not.
 */
public final class Hunting {
    private Hunting() {
    }

    public static HuntResult run(Workflow wf, FlowFacts facts, List<PersonaRun> runs, SimulationOptions options,
                                 List<Issue> known, boolean on, int budget) {
        Set<String> taken = new HashSet<>();
        for (PersonaRun r : runs) {
            for (Interaction i : r.interactions()) {
                if (i.transition() != null && i.next() != null) taken.add(new Transition(i.stepId(), i.transition(), i.next()).key());
            }
        }
        Set<String> targets = new LinkedHashSet<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) if (!taken.contains(t.key()) && facts.takeable(t)) targets.add(t.key());
        }
        if (!on || runs.isEmpty()) return HuntResult.off(targets);
        // Even with every transition covered, the defect hunt tries risky timings on the covered paths.
        return BranchHunter.hunt(wf, facts, runs.get(0).persona(), options, targets, budget, known);
    }
}
