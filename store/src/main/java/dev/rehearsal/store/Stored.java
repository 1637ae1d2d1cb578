package dev.rehearsal.store;

/** The outcome of an idempotent write: the item as stored, and whether this call created it. */
public record Stored<T>(T value, boolean created) {
}
