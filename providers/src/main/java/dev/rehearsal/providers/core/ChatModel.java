package dev.rehearsal.providers.core;

/**
 * One call to one provider's chat endpoint. Adapters translate {@link ChatPrompt} to the wire
 * protocol and map every failure to a {@link ProviderException}; retry, replay and validation
 * are decorators around this, so adapters stay small.
 */
public interface ChatModel {
    ChatAnswer complete(ChatPrompt prompt) throws ProviderException;

    /** "bedrock", "openai", "ollama". */
    String provider();

    String model();

    /**
     * Loads and initialises what the first call needs (client classes, request and response mapping) without
     * calling out, so a caller can do it on a background thread while other start-up work runs
     * (docs/PERFORMANCE.md, "Seven personas, 300 ms stub LLM"). Best effort: a problem shows on the first call.
     */
    default void warm() {
    }
}
