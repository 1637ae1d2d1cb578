package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;

/**
 * A reply as the simulated CRM sees it: arrival time (virtual, epoch ms), channel, the text and
 * the typed fields conditions read. {@code intent} and {@code sentiment} are the reply classifier's
 * reading of the text (what the CRM knows); {@code personaIntent} and {@code personaSentiment} are
 * what the simulated lead meant (ground truth, never read by conditions; null in sessions stored
 * before they existed). {@code consumed} marks replies a wait_for_reply has taken.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyRecord(String stepId, Channel channel, String text, Intent intent, Sentiment sentiment,
                          @JsonProperty("arrives_at") long arrivesAt, boolean consumed,
                          @JsonProperty("persona_intent") Intent personaIntent,
                          @JsonProperty("persona_sentiment") Sentiment personaSentiment) {

    /** A reply whose reading and meaning are the same (scripted tests, old callers). */
    public ReplyRecord(String stepId, Channel channel, String text, Intent intent, Sentiment sentiment, long arrivesAt,
                       boolean consumed) {
        this(stepId, channel, text, intent, sentiment, arrivesAt, consumed, null, null);
    }

    public ReplyRecord consume() {
        return new ReplyRecord(stepId, channel, text, intent, sentiment, arrivesAt, true, personaIntent, personaSentiment);
    }

    /** What the lead meant, falling back to the reading where it was not recorded. */
    public Intent meantIntent() {
        return personaIntent != null ? personaIntent : intent;
    }

    public Sentiment meantSentiment() {
        return personaSentiment != null ? personaSentiment : sentiment;
    }
}
