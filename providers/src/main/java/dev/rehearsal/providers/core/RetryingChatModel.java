package dev.rehearsal.providers.core;

import java.time.Duration;

/** Retries throttling, 5xx and timeouts per {@link RetryPolicy}; other failures pass through at once. */
public final class RetryingChatModel implements ChatModel {
    private final ChatModel delegate;
    private final RetryPolicy policy;

    public RetryingChatModel(ChatModel delegate, RetryPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.complete(prompt);
            } catch (ProviderException e) {
                if (!e.retryable() || attempt >= policy.maxAttempts()) {
                    if (attempt > 1) {
                        throw new ProviderException(e.provider(), e.model(), e.status(), false, e.retryAfter(),
                                stripPrefix(e) + " (after " + attempt + " attempts)", e);
                    }
                    throw e;
                }
                Duration wait = policy.delayBefore(attempt + 1, e.retryAfter());
                try {
                    policy.sleeper().sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw ProviderException.permanent(provider(), model(), "interrupted while backing off");
                }
            }
        }
    }

    private static String stripPrefix(ProviderException e) {
        String m = e.getMessage();
        int i = m.indexOf(": ");
        int j = i < 0 ? -1 : m.indexOf(": ", i + 2);
        return j < 0 ? m : m.substring(j + 2);
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public String model() {
        return delegate.model();
    }
}
