package dev.rehearsal.engine.llm;

/** Optional LLM job: analyse one outgoing message. Rules-based checks run whether or not one is set. */
public interface MessageAnalyst {
    MessageAnalysis analyze(OutboundMessage message, boolean marketing);
}
