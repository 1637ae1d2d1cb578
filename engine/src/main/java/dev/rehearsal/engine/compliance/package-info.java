/**
 * Rules the simulation applies to each message it sends: the one definition of an unsolicited message
 * ({@link dev.rehearsal.engine.compliance.Unsolicited}), quiet hours with the stricter US states'
 * windows and caps ({@link dev.rehearsal.engine.compliance.QuietHours},
 * {@link dev.rehearsal.engine.compliance.StateRules}), and the flags the simulator records
 * ({@link dev.rehearsal.engine.compliance.SendFlags}). Sources and dates: docs/VALIDATION.md.
 */
package dev.rehearsal.engine.compliance;
