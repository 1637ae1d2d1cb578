package dev.rehearsal.store;

/**
 * One persona's walk through a run's workflow: status and the simulation's session/cursor as a
 * JSON document (owned by the engine, stored opaque so its model can evolve).
 */
public record PersonaTest(String testId, String runId, String personaId, String status, String session,
                          String updatedAt) {
}
