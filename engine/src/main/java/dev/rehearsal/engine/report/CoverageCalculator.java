package dev.rehearsal.engine.report;

import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.hunt.HuntResult;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which transitions and steps the persona set exercised, and which none did. */
public final class CoverageCalculator {
    private CoverageCalculator() {
    }

    /** The union over every walk; with more than one walk, each transition's count of walks that took it. */
    public static Report.Coverage of(Workflow wf, List<PersonaRun> runs) {
        Map<String, Integer> taken = new HashMap<>();
        Set<String> visited = new HashSet<>();
        for (PersonaRun r : runs) {
            Set<String> inWalk = new HashSet<>();
            for (Interaction i : r.interactions()) {
                visited.add(i.stepId());
                if (i.transition() != null && i.next() != null) {
                    inWalk.add(new Transition(i.stepId(), i.transition(), i.next()).key());
                }
            }
            for (String k : inWalk) taken.merge(k, 1, Integer::sum);
        }
        int total = 0, covered = 0;
        List<String> uncovered = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) {
                total++;
                int n = taken.getOrDefault(t.key(), 0);
                counts.put(t.key(), n);
                if (n > 0) covered++;
                else uncovered.add(t.key());
            }
        }
        List<String> unvisited = wf.steps().stream().map(Step::id).filter(id -> !visited.contains(id)).toList();
        int percent = total == 0 ? 100 : (int) Math.floor(100.0 * covered / total);
        boolean many = runs.stream().anyMatch(r -> r.walk() > 0);
        return new Report.Coverage(total, covered, percent, uncovered, wf.steps().size(),
                wf.steps().size() - unvisited.size(), unvisited, many ? counts : null);
    }

    /**
     * Every transition's status: covered (walks that took it), else unreachable (the data-flow
     * reason), else witnessed (the hunt's witness), else unknown (hunt budget spent, or hunting off).
     */
    public static List<TransitionStatus> statuses(Workflow wf, List<PersonaRun> runs, FlowFacts facts, HuntResult hunt) {
        Map<String, Integer> walks = new HashMap<>();
        for (PersonaRun r : runs) {
            Set<String> inThisWalk = new HashSet<>();
            for (Interaction i : r.interactions()) {
                if (i.transition() != null && i.next() != null) inThisWalk.add(new Transition(i.stepId(), i.transition(), i.next()).key());
            }
            for (String k : inThisWalk) walks.merge(k, 1, Integer::sum);
        }
        List<TransitionStatus> out = new ArrayList<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) {
                String key = t.key();
                Integer n = walks.get(key);
                String dead = facts.deadReason(t);
                if (n != null) out.add(new TransitionStatus(key, TransitionStatus.Status.COVERED, n, null, null, null));
                else if (dead != null) out.add(new TransitionStatus(key, TransitionStatus.Status.UNREACHABLE, null, dead, null, null));
                else if (hunt.witnesses().containsKey(key)) out.add(new TransitionStatus(key, TransitionStatus.Status.WITNESSED, null,
                        "taken by a scripted lead, not by a simulated persona", null, hunt.witnesses().get(key)));
                else out.add(new TransitionStatus(key, TransitionStatus.Status.UNKNOWN, null, hunt.budget() == 0
                        ? "no persona walk took it and branch hunting was off"
                        : "no persona walk took it and the branch hunt found no witness within its budget of " + hunt.budget() + " steps",
                        hunt.budget(), null));
            }
        }
        return out;
    }
}
