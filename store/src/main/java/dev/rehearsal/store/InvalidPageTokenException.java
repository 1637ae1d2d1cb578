package dev.rehearsal.store;

/** A next-token that this query did not hand out (tampered, truncated, or from another listing). */
public class InvalidPageTokenException extends RuntimeException {
    public InvalidPageTokenException(String message) {
        super(message);
    }
}
