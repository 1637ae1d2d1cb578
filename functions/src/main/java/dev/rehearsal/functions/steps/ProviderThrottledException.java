package dev.rehearsal.functions.steps;

/**
 * The LLM provider throttled a persona reply. The state machine retries it with backoff
 * (Retry on {@code ProviderThrottledException}); nothing of the step was written before it is thrown.
 */
public class ProviderThrottledException extends RuntimeException {
    public ProviderThrottledException(String message) {
        super(message);
    }
}
