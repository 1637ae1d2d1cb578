package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rehearsal.engine.stats.Interval;
import dev.rehearsal.engine.stats.Verdict;

import java.util.List;

/**
 * The verdict of one expectation for one persona, with the evidence a reader needs to trust it.
 * Over many walks it carries the rate: {@code passes} of {@code trials} valid walks, the interval,
 * the verdict, and the walks that were {@code excluded} (provider errors, out-of-character replies).
 * Version-1 reports have only the first six fields; readers treat the rest as absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"expectation", "type", "persona", "passed", "verdict", "passes", "trials", "pass_rate", "interval",
        "min_pass_rate", "intermittent", "excluded", "walks_needed", "failing_walks", "reason", "evidence", "step",
        "responder"})
public record ExpectationResult(String expectation, String type, String persona, boolean passed, String evidence,
                                String step, Verdict verdict, Integer passes, Integer trials,
                                @JsonProperty("pass_rate") Double passRate, Interval interval,
                                @JsonProperty("min_pass_rate") Double minPassRate, Boolean intermittent,
                                Integer excluded, @JsonProperty("walks_needed") Integer walksNeeded,
                                @JsonProperty("failing_walks") List<Integer> failingWalks, String reason,
                                String responder) {

    /** One walk's result (before aggregation over walks). */
    public ExpectationResult(String expectation, String type, String persona, boolean passed, String evidence,
                             String step) {
        this(expectation, type, persona, passed, evidence, step, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** The verdict, for results read from version-1 reports too. */
    public Verdict verdictOrPassed() {
        return verdict != null ? verdict : passed ? Verdict.PASS : Verdict.FAIL;
    }
}
