package dev.rehearsal.engine.llm;

/** A rendered message the workflow sends (merge fields already filled in). */
public record OutboundMessage(String stepId, Channel channel, String subject, String body) {
}
