package dev.rehearsal.engine.llm;

/**
 * One message in the conversation so far: {@code fromLead} false for what the workflow sent,
 * true for the lead's reply. {@code at} is virtual time (epoch milliseconds).
 */
public record Turn(boolean fromLead, Channel channel, String subject, String text, long at) {
}
