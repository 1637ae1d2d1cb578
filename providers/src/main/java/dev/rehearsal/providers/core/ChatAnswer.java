package dev.rehearsal.providers.core;

import dev.rehearsal.engine.llm.Usage;

/**
 * The raw text a model answered and the tokens that call consumed. {@code servedModel} is the model version
 * the provider says answered ("gpt-4.1-mini-2025-04-14"), where it says one; null otherwise.
 */
public record ChatAnswer(String text, Usage usage, String servedModel) {
    public ChatAnswer(String text, Usage usage) {
        this(text, usage, null);
    }
}
