package dev.rehearsal.engine.sim;

import java.time.LocalDateTime;

/**
 * Knobs of one simulation. {@code start} is contact-local wall time (default: a Monday 10:00,
 * a realistic moment for a lead to enter a workflow); {@code loopLimit} caps visits per step.
 */
public record SimulationOptions(long seed, LocalDateTime start, Integer maxSteps, int loopLimit) {
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2026, 3, 2, 10, 0);
    public static final int DEFAULT_LOOP_LIMIT = 10;
    /** The seed when none is given, the same for the CLI and the API. */
    public static final long DEFAULT_SEED = 42;

    public static SimulationOptions defaults(long seed) {
        return new SimulationOptions(seed, DEFAULT_START, null, DEFAULT_LOOP_LIMIT);
    }

    public SimulationOptions withStart(LocalDateTime s) {
        return new SimulationOptions(seed, s == null ? DEFAULT_START : s, maxSteps, loopLimit);
    }

    public SimulationOptions withMaxSteps(Integer m) {
        return new SimulationOptions(seed, start, m, loopLimit);
    }
}
