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
                // A server asking for a longer pause than we may sleep: give up now, still retryable, so the
                // caller (the state machine's step retry) can wait that long instead of retrying too early.
                boolean waitTooLong = e.retryAfter() != null && e.retryAfter().compareTo(policy.maxDelay()) > 0;
                if (!e.retryable() || attempt >= policy.maxAttempts() || waitTooLong) {
                    if (attempt > 1 || waitTooLong) {
                        String why = waitTooLong ? " (Retry-After " + e.retryAfter().toSeconds() + " s exceeds the "
                                + policy.maxDelay().toSeconds() + " s this call may wait)" : "";
                        throw new ProviderException(e.provider(), e.model(), e.status(), e.retryable(), e.retryAfter(),
                                stripPrefix(e) + " (after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")" + why, e);
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
