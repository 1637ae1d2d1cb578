package dev.rehearsal.functions.llm;

import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;

/** One account's LLM jobs for the run's steps (replies, message analysis, recommendations). */
public record LlmJobs(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender) {
}
