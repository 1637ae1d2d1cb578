package dev.rehearsal.engine.workflow;

import java.time.LocalTime;

/**
 * Workflow-wide settings with the defaults a US-centric CRM would use. {@code replyClassifier} is who reads
 * replies for reply_intent / reply_sentiment: "rules" (code) or "llm" (the reply-classification job, when the
 * run has a provider); null when the workflow does not say (the run's own setting decides, default rules).
 */
public record WorkflowSettings(boolean marketing, String timezone, LocalTime quietStart, LocalTime quietEnd,
                               int maxMessagesPer24h, int maxSteps, String senderName, String postalAddress,
                               String vertical, String replyClassifier) {
    public static final int DEFAULT_MAX_STEPS = 50;

    /** Settings that leave the reply classifier to the run. */
    public WorkflowSettings(boolean marketing, String timezone, LocalTime quietStart, LocalTime quietEnd,
                            int maxMessagesPer24h, int maxSteps, String senderName, String postalAddress, String vertical) {
        this(marketing, timezone, quietStart, quietEnd, maxMessagesPer24h, maxSteps, senderName, postalAddress, vertical, null);
    }

    /** Whether the workflow asks for its replies to be read by the LLM classification job. */
    public boolean wantsLlmReplyClassifier() {
        return "llm".equals(replyClassifier);
    }

    /** Settings without a declared vertical (the message reader infers it). */
    public WorkflowSettings(boolean marketing, String timezone, LocalTime quietStart, LocalTime quietEnd,
                            int maxMessagesPer24h, int maxSteps, String senderName, String postalAddress) {
        this(marketing, timezone, quietStart, quietEnd, maxMessagesPer24h, maxSteps, senderName, postalAddress, null);
    }

    public static WorkflowSettings defaults() {
        return new WorkflowSettings(true, "America/New_York", LocalTime.of(21, 0), LocalTime.of(8, 0),
                3, DEFAULT_MAX_STEPS, null, null, null, null);
    }

    /** True when a contact-local time falls in the quiet window (which may wrap midnight). */
    public boolean inQuietHours(LocalTime t) {
        if (quietStart.equals(quietEnd)) return false;
        if (quietStart.isBefore(quietEnd)) return !t.isBefore(quietStart) && t.isBefore(quietEnd);
        return !t.isBefore(quietStart) || t.isBefore(quietEnd);
    }
}
