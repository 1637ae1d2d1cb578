/**
 * Reading a reply the way a CRM reads it: from its text alone, never from what the simulated lead meant.
 * Entry points: {@link dev.rehearsal.engine.reading.OptOutKeywords} (the one opt-out keyword table, for
 * replies and for outbound messages) and {@link dev.rehearsal.engine.reading.ReplyClassifier} (intent,
 * sentiment and opt-out from the reply text; {@link dev.rehearsal.engine.reading.RuleReplyClassifier} by default).
 */
package dev.rehearsal.engine.reading;
