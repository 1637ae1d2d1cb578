package dev.rehearsal.engine.reading;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.llm.Usage;

/**
 * What the CRM read in a reply: intent, sentiment, whether it opts out, which rule decided
 * ({@code rule}, e.g. "price_question") and which classifier ran. {@code usage} is set only when an
 * LLM classification job was called.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"intent", "sentiment", "opt_out", "rule", "classifier", "usage"})
public record ReplyReading(Intent intent, Sentiment sentiment, @JsonProperty("opt_out") boolean optOut, String rule,
                           String classifier, Usage usage) {
    public ReplyReading {
        if (intent == null) intent = Intent.NEUTRAL;
        if (sentiment == null) sentiment = Sentiment.NEUTRAL;
        if (usage != null && usage.calls() == 0) usage = null;
    }

    public ReplyReading(Intent intent, Sentiment sentiment, boolean optOut, String rule, String classifier) {
        this(intent, sentiment, optOut, rule, classifier, null);
    }
}
