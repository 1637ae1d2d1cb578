package dev.rehearsal.providers.core;

import java.time.Duration;

/**
 * A provider call that failed. The message always names provider, model and HTTP status (0 when
 * there was no response, e.g. a timeout) and never carries a credential.
 */
public final class ProviderException extends Exception {
    private final String provider;
    private final String model;
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(String provider, String model, int status, boolean retryable, Duration retryAfter,
                             String detail, Throwable cause) {
        super(provider + " " + model + ": " + (status > 0 ? "HTTP " + status : "no response") + ": "
                + Secrets.redact(detail), causeName(cause), false, false);
        this.provider = provider;
        this.model = model;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Only the cause's type is kept: SDK exception messages may quote request headers. */
    private static Throwable causeName(Throwable cause) {
        return cause == null ? null : new RuntimeException(cause.getClass().getName());
    }

    private ProviderException(String provider, String model, int status, boolean retryable, String verbatimMessage) {
        super(verbatimMessage, null, false, false);
        this.provider = provider;
        this.model = model;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = null;
    }

    /**
     * A failure read back from a replay recording, with its message and retryability exactly as
     * recorded (a replay sits outside the retrier, so nothing is retried again).
     */
    public static ProviderException restored(String provider, String model, int status, boolean retryable,
                                             String message) {
        return new ProviderException(provider, model, status, retryable, message);
    }

    /** Status-based default: 408, 429 and 5xx are worth another attempt; 4xx are not. */
    public static ProviderException http(String provider, String model, int status, Duration retryAfter,
                                         String detail) {
        return new ProviderException(provider, model, status, isRetryableStatus(status), retryAfter, detail, null);
    }

    public static ProviderException timeout(String provider, String model, String detail, Throwable cause) {
        return new ProviderException(provider, model, 0, true, null, "timeout or I/O error: " + detail, cause);
    }

    public static ProviderException permanent(String provider, String model, String detail) {
        return new ProviderException(provider, model, 0, false, null, detail, null);
    }

    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The server's Retry-After, when it sent one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
