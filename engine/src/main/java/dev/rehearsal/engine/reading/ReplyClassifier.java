package dev.rehearsal.engine.reading;

/**
 * Reads a reply the way a CRM does: from its text alone, never from what the simulated lead meant
 * (DESIGN invariant 4). {@code reply_intent} and {@code reply_sentiment} conditions and opt-out
 * handling read its output, for offline and LLM replies alike.
 *
 * <p>{@link #rules()} is the default (documented code rules, {@link RuleReplyClassifier}). An LLM
 * classification job plugs in by implementing this interface (the providers module has one); it must
 * see only the reply text, never the persona, and must not throw: on trouble it falls back to the rules.
 */
public interface ReplyClassifier {

    ReplyReading classify(String replyText);

    /** Short name for reports: "rules", or "llm:openai:gpt-..." for an LLM job. */
    String name();

    static ReplyClassifier rules() {
        return RuleReplyClassifier.INSTANCE;
    }
}
