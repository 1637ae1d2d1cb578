package dev.rehearsal.store;

/** A workflow as its account's listing shows it: the latest version, its name, when it was saved. */
public record WorkflowSummary(String workflowId, int version, String name, String updatedAt) {
}
