package dev.rehearsal.store;

/** A suite (a JSON document naming workflows and personas to re-test) or its baseline. */
public record Suite(String suiteId, String document, String updatedAt) {
}
