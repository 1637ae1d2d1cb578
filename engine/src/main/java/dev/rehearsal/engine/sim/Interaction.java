package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.reading.ReplyReading;

import java.util.List;

/**
 * The record of one executed step, keyed by (test, step index). {@code at} and {@code localTime}
 * are virtual; {@code transition} is the edge label taken and {@code next} its target. {@code reply} is
 * what the simulated lead wrote and meant; {@code reading} is what the CRM read in its text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interaction(
        @JsonProperty("step_index") int stepIndex,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("step_type") String stepType,
        String at,
        @JsonProperty("local_time") String localTime,
        OutboundMessage message,
        PersonaReply reply,
        ReplyReading reading,
        @JsonProperty("reply_at") String replyAt,
        String transition,
        String next,
        String note,
        List<String> flags) {

    /** An interaction without a reading (steps that receive no reply; callers that predate the classifier). */
    public Interaction(int stepIndex, String stepId, String stepType, String at, String localTime, OutboundMessage message,
                       PersonaReply reply, String replyAt, String transition, String next, String note, List<String> flags) {
        this(stepIndex, stepId, stepType, at, localTime, message, reply, null, replyAt, transition, next, note, flags);
    }

    public Interaction {
        flags = flags == null || flags.isEmpty() ? null : List.copyOf(flags);
    }

    public boolean flagged(String flag) {
        return flags != null && flags.contains(flag);
    }
}
