package dev.rehearsal.store;

/** One step of one persona's test: keyed by (testId, stepIndex); the document is engine JSON. */
public record Interaction(String testId, int stepIndex, String document, String createdAt) {
}
