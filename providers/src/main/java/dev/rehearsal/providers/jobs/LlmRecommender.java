package dev.rehearsal.providers.jobs;

import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.prompt.RecommendationPromptBuilder;

import java.util.List;

/** 3–5 recommendations for a report, from an LLM. */
public final class LlmRecommender implements Recommender {
    private final StructuredCaller caller;
    private final UsageMeter meter;

    public LlmRecommender(StructuredCaller caller, UsageMeter meter) {
        this.caller = caller;
        this.meter = meter;
    }

    @Override
    public Recommendations recommend(String workflowName, String reportDigest) {
        StructuredCaller.Result r = caller.call(RecommendationPromptBuilder.build(workflowName, reportDigest));
        meter.add(r.usage());
        if (!r.ok()) return new Recommendations(List.of(), r.usage(), r.error());
        return new Recommendations(LlmMessageAnalyst.strings(r.value().path("items")), r.usage(), null);
    }
}
