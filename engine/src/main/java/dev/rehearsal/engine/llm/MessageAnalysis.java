package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An LLM's reading of one outgoing message: spam risk 0–100 with reasons, tone, clarity 0–100. */
public record MessageAnalysis(@JsonProperty("step_id") @JsonAlias("stepId") String stepId,
                              @JsonProperty("spam_risk") int spamRisk,
                              List<String> reasons,
                              String tone,
                              int clarity,
                              List<String> suggestions,
                              Usage usage,
                              @JsonProperty("provider_error") String providerError) {
}
