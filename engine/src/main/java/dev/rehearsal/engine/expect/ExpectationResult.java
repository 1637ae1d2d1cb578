package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The verdict of one expectation for one persona, with the evidence a reader needs to trust it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectationResult(String expectation, String type, String persona, boolean passed, String evidence,
                                String step) {
}
