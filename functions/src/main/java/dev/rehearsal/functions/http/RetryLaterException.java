package dev.rehearsal.functions.http;

/** A 429 refusal that tells the caller when to try again (the Retry-After header, in seconds). */
public class RetryLaterException extends ApiException {
    private final long retryAfterSeconds;

    public RetryLaterException(String code, String message, long retryAfterSeconds) {
        super(429, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
