package dev.rehearsal.functions.llm;

import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;

/**
 * One account's LLM jobs for the run's steps (replies, message analysis, recommendations).
 * {@code replayOnly}: answers come from recordings only (PROVIDER_REPLAY=replay), so a run is
 * deterministic and free, which is what nightly regressions need.
 */
public record LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender, boolean replayOnly) {
    public LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender) {
        this(responder, analyst, recommender, false);
    }
}
