/**
 * Reading a reply the way a CRM reads it: from its text alone, never from what the simulated lead meant.
 * Entry points: {@link dev.rehearsal.engine.reading.OptOutKeywords} (the one opt-out keyword table, for
 * replies and for outbound messages).
 */
package dev.rehearsal.engine.reading;
