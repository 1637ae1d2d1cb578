package dev.rehearsal.store;

import java.util.List;

/**
 * A test run: one workflow version against a set of personas, with a seed; each persona walks it
 * {@code walks} times. {@code verdict} (pass, fail, undecided, inconclusive) is set with COMPLETED.
 */
public record RunRecord(String runId, String accountId, String workflowId, int workflowVersion,
                        List<String> personaIds, long seed, RunStatus status, String error, String createdAt,
                        String updatedAt, int walks, String verdict) {
    public RunRecord {
        personaIds = List.copyOf(personaIds);
        if (walks < 1) walks = 1;
    }

    public RunRecord(String runId, String accountId, String workflowId, int workflowVersion, List<String> personaIds,
                     long seed, RunStatus status, String error, String createdAt, String updatedAt) {
        this(runId, accountId, workflowId, workflowVersion, personaIds, seed, status, error, createdAt, updatedAt, 1, null);
    }
}
