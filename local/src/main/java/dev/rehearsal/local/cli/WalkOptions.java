package dev.rehearsal.local.cli;

import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** Who walks and how, shared by `test` and `estimate` (a picocli mixin): flags win over the suite's settings. */
final class WalkOptions {
    static final long DEFAULT_SEED = SimulationOptions.DEFAULT_SEED;

    @Option(names = "--personas", description = "all, or comma-separated persona ids or persona files (default: the suite's, else all)")
    String personas;

    @Option(names = "--seed", description = "random seed (default: the suite's, else 42)")
    Long seed;

    @Option(names = "--start", description = "contact-local start, e.g. 2026-03-02T10:00")
    String start;

    @Option(names = "--max-steps", description = "max steps per persona (default: the workflow's, else 50)")
    Integer maxSteps;

    /** The personas to walk: the flag's, else the suite's, else every built-in; persona files resolve against {@code base}. */
    List<Persona> personas(InputFiles.Loaded loaded, Path base) {
        return InputFiles.personas(personas, loaded.suite(), base);
    }

    /** Throws DateTimeParseException for a --start that is not a local date-time. */
    SimulationOptions simulation(InputFiles.Loaded loaded) {
        var suite = loaded.suite();
        long s = seed != null ? seed : suite != null && suite.seed() != null ? suite.seed() : DEFAULT_SEED;
        LocalDateTime startAt = start != null ? LocalDateTime.parse(start) : suite != null ? suite.startAt() : null;
        Integer max = maxSteps != null ? maxSteps : suite != null ? suite.maxSteps() : null;
        return SimulationOptions.defaults(s).withStart(startAt).withMaxSteps(max);
    }

    /** The error for a --start that {@link #simulation} could not read. */
    String badStart() {
        return "--start '" + start + "' is not a local date-time like 2026-03-02T10:00";
    }
}
