/**
 * Branch hunting: scripted leads, searched from saved simulator states, that take the transitions no
 * persona walk took. No LLM is called. Entry points: {@link dev.rehearsal.engine.hunt.Hunting#run} (the
 * report stage) and {@link dev.rehearsal.engine.hunt.BranchHunter#hunt}.
 */
package dev.rehearsal.engine.hunt;
