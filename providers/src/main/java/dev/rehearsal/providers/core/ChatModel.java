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
}
