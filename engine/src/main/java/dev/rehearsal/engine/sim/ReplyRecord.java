package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;

/**
 * A reply as the simulated CRM sees it: arrival time (virtual, epoch ms), channel, the text and
 * the typed fields conditions read. {@code consumed} marks replies a wait_for_reply has taken.
 */
public record ReplyRecord(String stepId, Channel channel, String text, Intent intent, Sentiment sentiment,
                          @JsonProperty("arrives_at") long arrivesAt, boolean consumed) {
    public ReplyRecord consume() {
        return new ReplyRecord(stepId, channel, text, intent, sentiment, arrivesAt, true);
    }
}
