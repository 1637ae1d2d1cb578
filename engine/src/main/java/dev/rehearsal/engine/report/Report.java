package dev.rehearsal.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.ResponderInfo;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.engine.validate.Issue;

import java.util.List;
import java.util.Map;

/** The outcome of a rehearsal: what a marketer reads and what CI asserts on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"report_version", "schema_version", "workflow", "run", "verdict", "passed", "score", "score_breakdown",
        "summary", "issues", "expectations", "failure_clusters", "coverage", "conversion", "personas", "recommendations",
        "message_analyses", "usage"})
public record Report(
        @JsonProperty("report_version") Integer reportVersion,
        @JsonProperty("schema_version") int schemaVersion,
        WorkflowInfo workflow,
        RunInfo run,
        Verdict verdict,
        boolean passed,
        int score,
        @JsonProperty("score_breakdown") ScoreBreakdown scoreBreakdown,
        String summary,
        List<Issue> issues,
        List<ExpectationResult> expectations,
        @JsonProperty("failure_clusters") List<FailureCluster> failureClusters,
        Coverage coverage,
        Conversion conversion,
        List<PersonaResult> personas,
        List<String> recommendations,
        @JsonProperty("message_analyses") List<MessageAnalysis> messageAnalyses,
        Usage usage) {

    /**
     * Version 2 (statistical verdicts): {@code verdict}, rates on expectations, walks and path
     * distributions on personas, per-transition counts on coverage, walk counts on findings. Version 1
     * documents (schema_version 1, no report_version) are still read: every new field is optional.
     * Version 3: every key snake_case ({@code step_id} on findings, messages and message analyses, which
     * said {@code stepId}; the old name is an alias); for LLM runs {@code run.responder_info} (engine, model,
     * served version, prompt version), {@code run.warnings} (model retirement, stale or missing prices), and
     * each expectation's {@code responder} carries the model version and prompt version. Version-2
     * documents have none of them and are still read.
     */
    public static final int REPORT_VERSION = 3;
    public static final int SCHEMA_VERSION = REPORT_VERSION;

    public record WorkflowInfo(String id, String name, int steps, int transitions) {
    }

    /**
     * {@code walks}: walks each persona took; {@code runs}: what was asked ("auto" or a number);
     * {@code confidence}: the level every interval was computed at; {@code stopping}: the rule that
     * decided how many walks were enough.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunInfo(long seed, @JsonProperty("start_at") String startAt, String responder, List<String> personas,
                          Integer walks, String runs, Double confidence, String stopping,
                          @JsonProperty("responder_info") ResponderInfo responderInfo,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
        public RunInfo(long seed, String startAt, String responder, List<String> personas) {
            this(seed, startAt, responder, personas, null, null, null, null);
        }

        public RunInfo(long seed, String startAt, String responder, List<String> personas, Integer walks, String runs,
                       Double confidence, String stopping) {
            this(seed, startAt, responder, personas, walks, runs, confidence, stopping, null, null);
        }

        public RunInfo withWalks(int walksTaken, String asked, double level, String rule) {
            return new RunInfo(seed, startAt, responder, personas, walksTaken, asked, level, rule, responderInfo, warnings);
        }

        /** Set for LLM runs: what wrote the replies. */
        public RunInfo withResponderInfo(ResponderInfo info) {
            return new RunInfo(seed, startAt, responder, personas, walks, runs, confidence, stopping, info, warnings);
        }

        /** Warnings about the run's model and prices (PriceTable.warnings), shown with the report. */
        public RunInfo withWarnings(List<String> w) {
            return new RunInfo(seed, startAt, responder, personas, walks, runs, confidence, stopping, responderInfo,
                    w == null || w.isEmpty() ? null : List.copyOf(w));
        }
    }

    public Report withRun(RunInfo r) {
        return new Report(reportVersion, schemaVersion, workflow, r, verdict, passed, score, scoreBreakdown, summary, issues,
                expectations, failureClusters, coverage, conversion, personas, recommendations, messageAnalyses, usage);
    }

    /** Failing walks that failed the same way: same persona, same expectations failed, same path. */
    public record FailureCluster(String persona, List<String> expectations, List<String> path, int walks,
                                 @JsonProperty("example_walk") int exampleWalk) {
    }

    /** One distinct path a persona's walks took, with a representative walk's transcript. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PathShare(List<String> path, int count, double share, int walk,
                            @JsonProperty("end_reason") String endReason, List<Interaction> transcript) {
    }

    /** The persona's walk that failed the most expectations (ties: the lowest walk index). */
    public record WorstWalk(int walk, List<String> failed, List<String> path) {
    }

    /** Each deduction, so the score can be explained line by line (formula in docs/REPORT.md). */
    public record ScoreBreakdown(int base, int issues, int expectations, int coverage,
                                 @JsonProperty("critical_cap") boolean criticalCap) {
    }

    /**
     * {@code counts}: for each transition, in step order, how many walks took it (the union over all walks).
     * {@code statuses} (added with branch hunting; absent in older reports) gives every transition its
     * status: covered by walks, witnessed by a scripted lead, unreachable, or unknown.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coverage(int transitions, int covered, int percent, List<String> uncovered,
                           @JsonProperty("steps_total") int stepsTotal, @JsonProperty("steps_visited") int stepsVisited,
                           @JsonProperty("unvisited_steps") List<String> unvisitedSteps, Map<String, Integer> counts,
                           List<TransitionStatus> statuses) {
        public Coverage(int transitions, int covered, int percent, List<String> uncovered, int stepsTotal,
                        int stepsVisited, List<String> unvisitedSteps, Map<String, Integer> counts) {
            this(transitions, covered, percent, uncovered, stepsTotal, stepsVisited, unvisitedSteps, counts, null);
        }

        public Coverage(int transitions, int covered, int percent, List<String> uncovered, int stepsTotal,
                        int stepsVisited, List<String> unvisitedSteps) {
            this(transitions, covered, percent, uncovered, stepsTotal, stepsVisited, unvisitedSteps, null);
        }

        public Coverage withStatuses(List<TransitionStatus> s) {
            return new Coverage(transitions, covered, percent, uncovered, stepsTotal, stepsVisited, unvisitedSteps, counts, s);
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

    /**
     * One persona. The single-walk fields (end_reason, path, transcript, ...) describe the representative
     * walk: the first walk of the persona's most common path. {@code walks}, {@code goal_walks},
     * {@code causes} (walks per attribution), {@code paths} and {@code worst_walk} summarise all walks.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "name", "walks", "goal_walks", "causes", "end_reason", "goals", "messages_sent", "replies",
            "opted_out", "likely_to_convert", "path", "paths", "worst_walk", "transcript"})
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
            List<Interaction> transcript,
            Integer walks,
            @JsonProperty("goal_walks") Integer goalWalks,
            Map<String, Integer> causes,
            List<PathShare> paths,
            @JsonProperty("worst_walk") WorstWalk worstWalk) {
    }

    /** The verdict, for version-1 documents too (which only had passed). */
    public Verdict verdictOrPassed() {
        return verdict != null ? verdict : passed ? Verdict.PASS : Verdict.FAIL;
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.failsRun());
    }
}
