package dev.rehearsal.engine.workflow;

/** One ordered branch of a condition step: the first whose test holds is taken. */
public record Branch(String label, Condition when, String next) {
}
