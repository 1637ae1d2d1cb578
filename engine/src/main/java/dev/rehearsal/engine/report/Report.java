package dev.rehearsal.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.validate.Issue;

import java.util.List;

/** The outcome of a rehearsal: what a marketer reads and what CI asserts on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema_version", "workflow", "run", "passed", "score", "score_breakdown", "summary", "issues",
        "expectations", "coverage", "conversion", "personas", "recommendations", "message_analyses", "usage"})
public record Report(
        @JsonProperty("schema_version") int schemaVersion,
        WorkflowInfo workflow,
        RunInfo run,
        boolean passed,
        int score,
        @JsonProperty("score_breakdown") ScoreBreakdown scoreBreakdown,
        String summary,
        List<Issue> issues,
        List<ExpectationResult> expectations,
        Coverage coverage,
        Conversion conversion,
        List<PersonaResult> personas,
        List<String> recommendations,
        @JsonProperty("message_analyses") List<MessageAnalysis> messageAnalyses,
        Usage usage) {

    public static final int SCHEMA_VERSION = 1;

    public record WorkflowInfo(String id, String name, int steps, int transitions) {
    }

    public record RunInfo(long seed, @JsonProperty("start_at") String startAt, String responder, List<String> personas) {
    }

    /** Each deduction, so the score can be explained line by line (formula in docs/REPORT.md). */
    public record ScoreBreakdown(int base, int issues, int expectations, int coverage,
                                 @JsonProperty("critical_cap") boolean criticalCap) {
    }

    /**
     * {@code statuses} (added with branch hunting; absent in older reports) gives every transition its
     * status: covered by walks, witnessed by a scripted lead, unreachable, or unknown.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coverage(int transitions, int covered, int percent, List<String> uncovered,
                           @JsonProperty("steps_total") int stepsTotal, @JsonProperty("steps_visited") int stepsVisited,
                           @JsonProperty("unvisited_steps") List<String> unvisitedSteps,
                           List<TransitionStatus> statuses) {
        public Coverage(int transitions, int covered, int percent, List<String> uncovered, int stepsTotal,
                        int stepsVisited, List<String> unvisitedSteps) {
            this(transitions, covered, percent, uncovered, stepsTotal, stepsVisited, unvisitedSteps, null);
        }

        public Coverage withStatuses(List<TransitionStatus> s) {
            return new Coverage(transitions, covered, percent, uncovered, stepsTotal, stepsVisited, unvisitedSteps, s);
        }

        /** How many transitions have the given status (0 when statuses are absent). */
        public long count(TransitionStatus.Status status) {
            return statuses == null ? 0 : statuses.stream().filter(t -> t.status() == status).count();
        }

        public double ratio() {
            return transitions == 0 ? 1.0 : (double) covered / transitions;
        }
    }

    public record Conversion(@JsonProperty("average_likelihood") int averageLikelihood,
                             @JsonProperty("goals_reached") int goalsReached, int personas) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "name", "end_reason", "goals", "messages_sent", "replies", "opted_out",
            "likely_to_convert", "path", "transcript"})
    public record PersonaResult(
            String id,
            String name,
            @JsonProperty("end_reason") String endReason,
            List<String> goals,
            @JsonProperty("messages_sent") int messagesSent,
            int replies,
            @JsonProperty("opted_out") List<String> optedOut,
            @JsonProperty("likely_to_convert") Integer likelyToConvert,
            List<String> path,
            List<Interaction> transcript) {
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.severity().failsRun());
    }
}
