package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An LLM's reading of one outgoing message: spam risk 0–100 with reasons, tone, clarity 0–100.
 * {@code model} says who judged: "openai:gpt-4.1-mini@gpt-4.1-mini-2025-04-14 analysis-2" (provider, model,
 * the version the provider reported, prompt version); absent in analyses stored before it was recorded.
 */
public record MessageAnalysis(@JsonProperty("step_id") @JsonAlias("stepId") String stepId,
                              @JsonProperty("spam_risk") int spamRisk,
                              List<String> reasons,
                              String tone,
                              int clarity,
                              List<String> suggestions,
                              Usage usage,
                              @JsonProperty("provider_error") String providerError,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String model) {

    public MessageAnalysis(String stepId, int spamRisk, List<String> reasons, String tone, int clarity,
                           List<String> suggestions, Usage usage, String providerError) {
        this(stepId, spamRisk, reasons, tone, clarity, suggestions, usage, providerError, null);
    }
}
