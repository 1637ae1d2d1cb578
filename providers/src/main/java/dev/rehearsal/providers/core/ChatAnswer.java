package dev.rehearsal.providers.core;

import dev.rehearsal.engine.llm.Usage;

/** The raw text a model answered and the tokens that call consumed. */
public record ChatAnswer(String text, Usage usage) {
}
