package dev.rehearsal.store;

/** A run's report as JSON (the engine's report model). */
public record Report(String runId, String document, String createdAt) {
}
