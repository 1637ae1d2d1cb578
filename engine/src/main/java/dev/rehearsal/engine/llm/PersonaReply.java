package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Set;
import java.util.Collections;
import java.util.EnumSet;

/**
 * The structured record a responder fills for one received message. {@code response} is null when
 * the lead does not write back. Everything the simulator branches on is here as a typed field;
 * the free text is only shown in transcripts (DESIGN invariant 4).
 *
 * <p>{@code replyWhen} (LLM replies) records the model's wish ("19:30", "now") and the rule code applied to
 * turn it into {@code replyLatencyMinutes} within the persona's availability; {@code outOfCharacter} says
 * why the answer breaks the persona's declared habits in a way code could not fix (its walk is then
 * excluded from pass rates, see {@code CharacterCheck}). Both are null for offline replies.
 *
 * <p>{@code providerError} is set (and the reply is "no reply") when the LLM could not give a valid
 * answer after its repair attempt: the run goes on and the interaction records the error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonaReply(
        String response,
        String reasoning,
        Sentiment sentiment,
        Intent intent,
        @JsonProperty("likely_to_convert") int likelyToConvert,
        Set<Action> actions,
        @JsonProperty("reply_latency_minutes") Integer replyLatencyMinutes,
        Usage usage,
        @JsonProperty("provider_error") String providerError,
        @JsonProperty("provider_retryable") Boolean providerRetryable,
        @JsonProperty("reply_when") ReplyWhen replyWhen,
        @JsonProperty("out_of_character") String outOfCharacter) {

    /**
     * When the model said it would answer and what code made of it: {@code said} is the model's own words
     * ("now", "10:15", "tomorrow 19:00", "not today"), {@code saidMinutes} the latency those words mean,
     * {@code rule} how the applied latency was reached: {@code as_said}, {@code usual_delay} ("now" drawn from
     * the persona's reply_delay), {@code pushed_into_active_hours} or {@code clamped_to_active_hours}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyWhen(String said, @JsonProperty("said_minutes") Integer saidMinutes, String rule) {
    }

    public PersonaReply(String response, String reasoning, Sentiment sentiment, Intent intent, int likelyToConvert,
                        Set<Action> actions, Integer replyLatencyMinutes, Usage usage, String providerError,
                        Boolean providerRetryable) {
        this(response, reasoning, sentiment, intent, likelyToConvert, actions, replyLatencyMinutes, usage, providerError,
                providerRetryable, null, null);
    }

    /** A reply with no provider trouble (or trouble that retrying will not fix). */
    public PersonaReply(String response, String reasoning, Sentiment sentiment, Intent intent, int likelyToConvert,
                        Set<Action> actions, Integer replyLatencyMinutes, Usage usage, String providerError) {
        this(response, reasoning, sentiment, intent, likelyToConvert, actions, replyLatencyMinutes, usage, providerError, null);
    }

    public PersonaReply {
        // An EnumSet iterates in declaration order; Set.copyOf's order changes with every JVM start,
        // which made reports of the same seed differ between runs (invariant 5).
        actions = actions == null || actions.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Action.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(actions));
        likelyToConvert = Math.max(0, Math.min(100, likelyToConvert));
        if (response != null && response.isBlank()) response = null;
    }

    public boolean replied() {
        return response != null;
    }

    public boolean has(Action a) {
        return actions.contains(a);
    }

    public PersonaReply withUsage(Usage u) {
        return new PersonaReply(response, reasoning, sentiment, intent, likelyToConvert, actions, replyLatencyMinutes,
                u, providerError, providerRetryable, replyWhen, outOfCharacter);
    }

    /** A "no reply" that records why the provider could not answer. */
    public static PersonaReply providerFailure(String error, Usage usage) {
        return providerFailure(error, usage, false);
    }

    /**
     * As {@link #providerFailure(String, Usage)}; {@code retryable} marks throttling, timeouts and 5xx that
     * outlasted the call's own retries, so an orchestrator may retry the whole step later instead.
     */
    public static PersonaReply providerFailure(String error, Usage usage, boolean retryable) {
        return new PersonaReply(null, "provider error: " + error, Sentiment.NEUTRAL, Intent.NEUTRAL, 0, Set.of(),
                null, usage, error, retryable ? Boolean.TRUE : null);
    }

    public boolean providerRetryableFailure() {
        return providerError != null && Boolean.TRUE.equals(providerRetryable);
    }
}
