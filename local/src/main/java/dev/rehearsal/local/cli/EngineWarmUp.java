package dev.rehearsal.local.cli;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs the simulator's code once before an LLM rehearsal needs it, while the provider's client is still being
 * built: on a cold JVM the first walks otherwise load and compile it on the cores their first requests are built
 * on. The walks use the offline engine (no call goes out) and are discarded; everything they touch is either
 * immutable or a cache of pure readings, so the rehearsal that follows is the same bytes with or without them.
 */
final class EngineWarmUp {
    private EngineWarmUp() {
    }

    /**
     * One offline walk of each persona (walk index 0), thrown away; it stops before the next persona once {@code enough}
     * says so (the provider is ready: the rehearsal must not wait for its warm-up). Best effort: a walk that fails here
     * is the rehearsal's to report, not this.
     */
    static void walkOnce(Workflow wf, List<Persona> personas, SimulationOptions options, BooleanSupplier enough) {
        OfflinePersonaEngine engine = new OfflinePersonaEngine();
        for (Persona p : personas) {
            if (enough.getAsBoolean()) return;
            try {
                SimulationRunner.run(wf, p, engine, options, 0);
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
