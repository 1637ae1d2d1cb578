package dev.rehearsal.local.cost;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.providers.cost.AwsPriceList;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A measured rehearsal priced at the AWS list prices, scaled {@code times} (e.g. suites x accounts of a
 * nightly regression). An LLM rehearsal keeps ExecuteStep (and the other callers) waiting on the model:
 * {@code llmCalls x llmLatencyMs} is added to ExecuteStep's billed duration. Storage is priced per month
 * kept: all the run's items (what a run cost before retention) and the items retention keeps.
 */
public record AwsBill(String region, @JsonProperty("prices_as_of") String pricesAsOf, double times,
                      @JsonProperty("state_machine_type") String stateMachineType, int walks, long steps,
                      @JsonProperty("history_events") long historyEvents,
                      @JsonProperty("lambda_requests") double lambdaRequests,
                      @JsonProperty("lambda_gb_seconds") double lambdaGbSeconds,
                      @JsonProperty("lambda_dollars") double lambdaDollars,
                      @JsonProperty("standard_transitions") double standardTransitions,
                      @JsonProperty("express_requests") double expressRequests,
                      @JsonProperty("step_functions_dollars") double stepFunctionsDollars,
                      @JsonProperty("dynamodb_writes") double dynamoWrites, @JsonProperty("dynamodb_reads") double dynamoReads,
                      @JsonProperty("write_units") double writeUnits, @JsonProperty("read_units") double readUnits,
                      @JsonProperty("dynamodb_dollars") double dynamoDollars,
                      @JsonProperty("dynamodb_operations") java.util.Map<String, Long> dynamoOperations,
                      @JsonProperty("retention_writes") double retentionWrites,
                      @JsonProperty("orchestration_dollars") double orchestrationDollars,
                      @JsonProperty("stored_gb") double storedGb, @JsonProperty("kept_gb") double keptGb,
                      @JsonProperty("stored_dollars_per_month") double storedDollarsPerMonth,
                      @JsonProperty("kept_dollars_per_month") double keptDollarsPerMonth,
                      List<String> assumptions) {
    /** Events one Standard execution may hold; beyond it AWS fails the execution. */
    public static final long HISTORY_LIMIT = 25_000;

    public static AwsBill of(OrchestrationMeter.Measurement m, AwsPriceList p, long llmCalls, long llmLatencyMs,
                             double times) {
        List<String> assumptions = new ArrayList<>();
        double gbS = 0, lambdaCompute = 0;
        String waitingFunction = "ExecuteStepFunction";
        for (OrchestrationMeter.FunctionUse f : m.functions()) {
            double ms = f.billedMs() + (f.function().equals(waitingFunction) ? (double) llmCalls * llmLatencyMs : 0);
            double g = ms / 1000.0 * f.memoryMb() / 1024.0;
            gbS += g;
            lambdaCompute += g * p.lambda().gbSecond(f.architecture());
        }
        double requests = m.lambdaInvocations();
        double lambda = requests / 1e6 * p.lambda().requestPerMillion() + lambdaCompute;
        var sf = p.stepFunctions();
        double expressGbS = m.expressBilledMs() / 1000.0 * sf.expressMemoryChunkMb() / 1024.0;
        double stepFunctions = m.standardTransitions() / 1000.0 * sf.standardTransitionPerThousand()
                + m.expressRequests() / 1e6 * sf.expressRequestPerMillion() + expressGbS * sf.expressGbSecond();
        var db = p.dynamodb();
        double dynamo = m.dynamodb().writeUnits() / 1e6 * db.wruPerMillion() + m.dynamodb().readUnits() / 1e6 * db.rruPerMillion();
        double storedGb = m.storedBytes() / 1e9, keptGb = m.keptBytes() / 1e9;
        assumptions.add("Lambda duration: each task's CPU time in-process plus " + OrchestrationMeter.DYNAMODB_CALL_MS
                + " ms per DynamoDB call, rounded up to 1 ms per invocation; cold starts and SnapStart restore charges not included");
        if (llmCalls > 0) {
            assumptions.add(llmCalls + " LLM call(s) x " + llmLatencyMs + " ms each added to " + waitingFunction
                    + "'s duration (the function waits on the model)");
        }
        if (m.expressRequests() > 0) {
            assumptions.add("Express children billed at the 64 MB minimum, each at least 100 ms, for the Lambda time they wait on");
        }
        if (m.historyEvents() > HISTORY_LIMIT && "STANDARD".equals(m.stateMachineType()) && m.expressRequests() == 0) {
            assumptions.add("this run's execution history has " + m.historyEvents() + " events, over the " + HISTORY_LIMIT
                    + " a Standard execution may hold: AWS would fail it (the API refuses such runs up front)");
        }
        assumptions.add("free tiers not applied; the POST /workflows/{id}/test request and API Gateway not included");
        return new AwsBill(p.region(), p.asOf(), times, m.stateMachineType(), m.walks(), m.steps(), m.historyEvents(),
                requests * times, gbS * times, lambda * times, m.standardTransitions() * times, m.expressRequests() * times,
                stepFunctions * times, m.dynamodb().writes() * times, m.dynamodb().reads() * times,
                m.dynamodb().writeUnits() * times, m.dynamodb().readUnits() * times, dynamo * times,
                m.dynamodb().operations(), m.retentionWrites() * times,
                (lambda + stepFunctions + dynamo) * times, storedGb * times, keptGb * times,
                storedGb * db.storageGbMonth() * times, keptGb * db.storageGbMonth() * times, List.copyOf(assumptions));
    }

    public void print(PrintWriter out) {
        out.printf("AWS orchestration (%s list prices of %s, %s state machine)%s:%n", region, pricesAsOf, stateMachineType,
                times == 1 ? "" : String.format(" x %,.0f", times));
        out.printf("  measured: %d walk(s), %d step(s), %d history event(s) per rehearsal%n", walks, steps, historyEvents);
        out.printf("  Lambda          %,14.0f requests  %,14.1f GB-s           $%.6f%n", lambdaRequests, lambdaGbSeconds, lambdaDollars);
        out.printf("  Step Functions  %,14.0f transitions  %,11.0f Express requests  $%.6f%n", standardTransitions, expressRequests,
                stepFunctionsDollars);
        out.printf("  DynamoDB        %,14.0f writes (%,.0f WRU)  %,.0f reads (%,.1f RRU)  $%.6f%n", dynamoWrites, writeUnits,
                dynamoReads, readUnits, dynamoDollars);
        if (retentionWrites > 0) out.printf("  (of the writes, %,.0f keep the report's walks past the in-flight TTL)%n", retentionWrites);
        out.printf("  orchestration total                                           $%.6f%n", orchestrationDollars);
        out.printf("  storage: %.6f GB written, %.6f GB kept by retention: $%.6f -> $%.6f per month%n", storedGb, keptGb,
                storedDollarsPerMonth, keptDollarsPerMonth);
        for (String a : assumptions) out.println("  assumes: " + a);
    }
}
