package dev.rehearsal.engine.report;

import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which transitions and steps the persona set exercised, and which none did. */
public final class CoverageCalculator {
    private CoverageCalculator() {
    }

    public static Report.Coverage of(Workflow wf, List<PersonaRun> runs) {
        Set<String> taken = new HashSet<>();
        Set<String> visited = new HashSet<>();
        for (PersonaRun r : runs) {
            for (Interaction i : r.interactions()) {
                visited.add(i.stepId());
                if (i.transition() != null && i.next() != null) {
                    taken.add(new Transition(i.stepId(), i.transition(), i.next()).key());
                }
            }
        }
        int total = 0, covered = 0;
        List<String> uncovered = new ArrayList<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) {
                total++;
                if (taken.contains(t.key())) covered++;
                else uncovered.add(t.key());
            }
        }
        List<String> unvisited = wf.steps().stream().map(Step::id).filter(id -> !visited.contains(id)).toList();
        int percent = total == 0 ? 100 : (int) Math.floor(100.0 * covered / total);
        return new Report.Coverage(total, covered, percent, uncovered, wf.steps().size(),
                wf.steps().size() - unvisited.size(), unvisited);
    }
}
