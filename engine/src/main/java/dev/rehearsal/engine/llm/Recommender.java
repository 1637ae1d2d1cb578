package dev.rehearsal.engine.llm;

import java.util.List;

/**
 * Optional LLM job: 3–5 specific, actionable recommendations from a digest of the report
 * (issues, paths, coverage), never from raw transcripts pasted wholesale.
 */
public interface Recommender {
    Recommendations recommend(String workflowName, String reportDigest);

    record Recommendations(List<String> items, Usage usage, String providerError) {
    }
}
