package dev.rehearsal.providers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.reading.OptOutKeywords;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.prompt.ReplyReadingPromptBuilder;

/**
 * Reply classification by an LLM, a job separate from the persona: it sees one reply's text only. Code
 * still has the last word on opt-outs: a carrier keyword or clear revocation ({@link OptOutKeywords})
 * opts out whatever the model says. When the provider fails, the code rules read the reply, and the
 * reading says so ({@code rule} "rules_fallback"), so a run never stops for a classifier.
 */
public final class LlmReplyClassifier implements ReplyClassifier {
    private final StructuredCaller caller;
    private final UsageMeter meter;

    public LlmReplyClassifier(StructuredCaller caller, UsageMeter meter) {
        this.caller = caller;
        this.meter = meter;
    }

    @Override
    public ReplyReading classify(String replyText) {
        if (replyText == null || replyText.isBlank()) return ReplyClassifier.rules().classify(replyText);
        StructuredCaller.Result r = caller.call(ReplyReadingPromptBuilder.build(replyText));
        meter.add(r.usage());
        if (!r.ok()) {
            ReplyReading rules = ReplyClassifier.rules().classify(replyText);
            return new ReplyReading(rules.intent(), rules.sentiment(), rules.optOut(), "rules_fallback", name(), r.usage());
        }
        JsonNode n = r.value();
        boolean optOut = n.path("opt_out").asBoolean() || OptOutKeywords.isOptOut(replyText);
        Intent intent = optOut ? Intent.OPT_OUT : Intent.fromWire(n.path("intent").asText());
        if (intent == Intent.OPT_OUT) optOut = true;
        return new ReplyReading(intent, Sentiment.fromWire(n.path("sentiment").asText()), optOut, "llm", name(), r.usage());
    }

    @Override
    public String name() {
        return "llm:" + caller.model().provider() + ":" + caller.model().model();
    }
}
