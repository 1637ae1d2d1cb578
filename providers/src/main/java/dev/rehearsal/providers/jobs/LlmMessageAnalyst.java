package dev.rehearsal.providers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.prompt.AnalysisPromptBuilder;

import java.util.ArrayList;
import java.util.List;

/** Spam risk, tone and clarity of one outgoing message, from an LLM. */
public final class LlmMessageAnalyst implements MessageAnalyst {
    private final StructuredCaller caller;
    private final UsageMeter meter;

    public LlmMessageAnalyst(StructuredCaller caller, UsageMeter meter) {
        this.caller = caller;
        this.meter = meter;
    }

    @Override
    public MessageAnalysis analyze(OutboundMessage message, boolean marketing) {
        StructuredCaller.Result r = caller.call(AnalysisPromptBuilder.build(message, marketing));
        meter.add(r.usage());
        if (!r.ok()) return new MessageAnalysis(message.stepId(), 0, List.of(), "neutral", 0, List.of(), r.usage(), r.error());
        JsonNode n = r.value();
        String model = new dev.rehearsal.engine.llm.ResponderInfo(caller.model().provider(), caller.model().model(),
                r.servedModel(), AnalysisPromptBuilder.VERSION).label();
        return new MessageAnalysis(message.stepId(), n.path("spam_risk").asInt(), strings(n.path("reasons")),
                n.path("tone").asText(), n.path("clarity").asInt(), strings(n.path("suggestions")), r.usage(), null, model);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
