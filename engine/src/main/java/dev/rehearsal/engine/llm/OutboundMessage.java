package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rendered message the workflow sends (merge fields already filled in). Read as {@code stepId} before report version 3. */
public record OutboundMessage(@JsonProperty("step_id") @JsonAlias("stepId") String stepId, Channel channel, String subject, String body) {
}
