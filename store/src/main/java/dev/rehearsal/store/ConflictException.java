package dev.rehearsal.store;

/** A conditional write lost: the item exists already, or is not in the state the write expects. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
