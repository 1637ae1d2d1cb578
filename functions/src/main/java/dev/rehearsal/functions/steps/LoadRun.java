package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;

import java.util.List;

/**
 * First state: input {accountId, runId}. Checks the run is RUNNING, parses its workflow version
 * and fails fast ({@link WorkflowInvalidException}) on parse problems or critical structural
 * issues. Output: the references the rest of the run needs, how its walks are walked ({@code engine}:
 * {@code offline} walks whole walks per task, {@code stepped} one step per task), the Distributed Map's
 * items ({@link WalkPlan}) and its MaxConcurrency.
 */
public class LoadRun extends StepHandler {
    private final StepServices services;

    public LoadRun() {
        this(StepServices.fromEnvironment());
    }

    public LoadRun(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        RunRecord run = RunData.run(services.store(), accountId, text(input, "runId"));
        if (run.status() != RunStatus.RUNNING) {
            throw new StepInputException("run " + run.runId() + " is " + run.status() + ", not RUNNING");
        }
        Workflow wf = RunData.workflow(services.store(), run);
        List<Issue> critical = Validators.validate(wf).stream().filter(i -> i.severity() == Severity.CRITICAL).toList();
        if (!critical.isEmpty()) {
            throw new WorkflowInvalidException(critical.size() + " critical issue(s): " + String.join("; ",
                    critical.stream().map(i -> i.type() + " at " + i.stepId() + ": " + i.message()).toList()));
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("accountId", accountId);
        out.put("runId", run.runId());
        out.put("workflowId", run.workflowId());
        out.put("workflowVersion", run.workflowVersion());
        out.set("personaIds", Json.tree(run.personaIds()));
        walkState(out, services, run, wf, 0, services.offline());
        // Read by the definition before the Distributed Map (executions started before a deploy still finish).
        out.put("lastWalk", run.walks() - 1);
        out.put("walks", run.walks());
        // runs auto: after the walks, NextLook judges the expectations and plans the next look, if any.
        out.put("auto", RunPlan.read(services.store(), run).runs().isAuto());
        return out;
    }

    /**
     * The fields the walking states read: {@code engine} (which Map), the Distributed Map's items — walks
     * {@code fromWalk}..walks-1 of every persona in ranges ({@link WalkPlan}), ids never payloads — and
     * {@code maxConcurrency} (the function's MAX_CONCURRENCY, read by the Maps' MaxConcurrencyPath).
     */
    static ObjectNode walkState(ObjectNode out, StepServices services, RunRecord run, Workflow wf, int fromWalk,
                                boolean offline) {
        int perItem = offline ? WalkPlan.OFFLINE_WALKS_PER_BATCH : WalkPlan.steppedWalksPerChild(wf.settings().maxSteps());
        if (perItem < 1) throw new WorkflowInvalidException(WalkPlan.steppedProblem(wf.settings().maxSteps()));
        out.put("engine", offline ? "offline" : "stepped");
        out.set("walkBatches", WalkPlan.items(run.personaIds(), fromWalk, run.walks(), perItem));
        out.put("maxConcurrency", services.maxConcurrency());
        return out;
    }
}
