package dev.rehearsal.store;

import java.util.List;

/** A test run: one workflow version against a set of personas, with a seed. */
public record RunRecord(String runId, String accountId, String workflowId, int workflowVersion,
                        List<String> personaIds, long seed, RunStatus status, String error, String createdAt,
                        String updatedAt) {
    public RunRecord {
        personaIds = List.copyOf(personaIds);
    }
}
