package dev.rehearsal.functions.llm;

import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.reading.ReplyClassifier;

/**
 * One account's LLM jobs for the run's steps (replies, message analysis, recommendations).
 * {@code replayOnly}: answers come from recordings only (PROVIDER_REPLAY=replay), so a run is
 * deterministic and free, which is what nightly regressions need. {@code replyClassifier} is the
 * reply-classification job, used for workflows whose {@code settings.reply_classifier} is {@code llm}
 * (null: the rules read every workflow's replies).
 */
public record LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender, boolean replayOnly,
                      ReplyClassifier replyClassifier) {
    public LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender) {
        this(responder, analyst, recommender, false, null);
    }

    public LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender, boolean replayOnly) {
        this(responder, analyst, recommender, replayOnly, null);
    }
}
