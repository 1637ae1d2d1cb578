package dev.rehearsal.importers;

/**
 * What an export does not say and the user may: the workflow id, whether it is marketing or
 * transactional, and for flows that start when the lead writes first, what the lead saw (prompt)
 * or wrote (opening message). Null means "not given".
 */
public record ImportOptions(String workflowId, String category, String prompt, String openingMessage) {
    public static ImportOptions withId(String workflowId) {
        return new ImportOptions(workflowId, null, null, null);
    }
}
