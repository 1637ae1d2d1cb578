package dev.rehearsal.store;

/** One stored version of a workflow definition (the JSON as submitted, and its SHA-256). */
public record WorkflowVersion(String accountId, String workflowId, int version, String definition, String digest,
                              String createdAt) {
}
