package dev.rehearsal.functions.run;

/** What the state machine starts from: ids only (invariant 1, references not payloads). */
public record RunRef(String accountId, String runId, String workflowId, int workflowVersion) {
}
