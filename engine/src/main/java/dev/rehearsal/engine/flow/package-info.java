/**
 * Data-flow facts over a workflow's step graph: what the contact may (and must) have done on the paths
 * to each step, and the findings they prove. Entry points: {@link dev.rehearsal.engine.flow.FlowAnalysis#of}
 * (facts, {@link dev.rehearsal.engine.flow.FlowFacts}), {@link dev.rehearsal.engine.flow.FlowValidator}
 * (registered in {@code Validators}) and {@link dev.rehearsal.engine.flow.ConditionReasoner}.
 */
package dev.rehearsal.engine.flow;
