package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.WalkCause;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which expectations each valid walk failed: the source of each persona's worst walk and of the
 * failure clusters (walks that failed the same expectations along the same path).
 */
record WalkFailures(Map<String, TreeMap<Integer, List<String>>> failed, List<Report.FailureCluster> clusters) {

    static WalkFailures of(List<Expectation> expectations, Map<String, List<PersonaRun>> byPersona) {
        Map<String, TreeMap<Integer, List<String>>> failed = new LinkedHashMap<>();
        Map<String, Report.FailureCluster> clusters = new LinkedHashMap<>();
        if (expectations == null || expectations.isEmpty()) return new WalkFailures(failed, List.of());
        for (Map.Entry<String, List<PersonaRun>> e : byPersona.entrySet()) {
            TreeMap<Integer, List<String>> walks = new TreeMap<>();
            for (PersonaRun w : e.getValue()) {
                if (WalkCause.of(w).excluded()) continue;
                List<String> names = new ArrayList<>();
                for (Expectation x : expectations) {
                    if (x.appliesTo(e.getKey()) && !ExpectationEvaluator.judgeWalk(x, w).passed()) names.add(x.describe());
                }
                if (names.isEmpty()) continue;
                walks.put(w.walk(), names);
                String key = e.getKey() + "|" + names + "|" + w.path();
                Report.FailureCluster c = clusters.get(key);
                clusters.put(key, c == null ? new Report.FailureCluster(e.getKey(), names, w.path(), 1, w.walk())
                        : new Report.FailureCluster(c.persona(), c.expectations(), c.path(), c.walks() + 1, c.exampleWalk()));
            }
            failed.put(e.getKey(), walks);
        }
        List<Report.FailureCluster> list = new ArrayList<>(clusters.values());
        list.sort((a, b) -> Integer.compare(b.walks(), a.walks()));
        return new WalkFailures(failed, list);
    }

    /** The walk that failed the most expectations; null when none failed (or nothing was expected). */
    Report.WorstWalk worst(String personaId, List<PersonaRun> walks) {
        TreeMap<Integer, List<String>> f = failed.get(personaId);
        if (f == null || f.isEmpty()) return null;
        int best = -1;
        for (Map.Entry<Integer, List<String>> e : f.entrySet()) {
            if (best < 0 || e.getValue().size() > f.get(best).size()) best = e.getKey();
        }
        final int walk = best;
        List<String> path = walks.stream().filter(w -> w.walk() == walk).findFirst().map(PersonaRun::path).orElse(List.of());
        return new Report.WorstWalk(walk, f.get(walk), path);
    }
}
