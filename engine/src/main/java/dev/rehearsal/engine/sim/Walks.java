package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grouping of a run's walks: by persona in the run's persona order, each persona's walks by index. */
public final class Walks {
    private Walks() {
    }

    public static Map<String, List<PersonaRun>> byPersona(List<PersonaRun> runs) {
        Map<String, List<PersonaRun>> out = new LinkedHashMap<>();
        for (PersonaRun r : runs) out.computeIfAbsent(r.persona().id(), k -> new ArrayList<>()).add(r);
        for (List<PersonaRun> walks : out.values()) walks.sort(Comparator.comparingInt(PersonaRun::walk));
        return out;
    }
}
