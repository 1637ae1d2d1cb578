package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.store.RunRecord;

import java.util.List;

/**
 * Message-quality and compliance checks: input {accountId, runId}; output counts only (the
 * findings themselves are recomputed deterministically by GenerateReport, so no document travels
 * in the state). With an LLM provider, each message is also analysed and the analyses are stored
 * with the run for GenerateReport, {@code MAX_CONCURRENCY} messages at a time.
 */
public class ValidateMessages extends StepHandler {
    private final StepServices services;

    public ValidateMessages() {
        this(StepServices.fromEnvironment());
    }

    public ValidateMessages(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        RunRecord run = RunData.run(services.store(), text(input, "accountId"), text(input, "runId"));
        Workflow wf = RunData.workflow(services.store(), run);
        List<Issue> issues = Validators.validate(wf);
        LlmJobs llm = services.llmFor(run.accountId());
        int analysed = 0;
        if (llm != null && llm.analyst() != null) {
            // Stored, not returned: the state carries counts only (invariant 1).
            // In parallel, MAX_CONCURRENCY calls at a time: the function's timeout (template.yaml) covers
            // ceil(messages / MAX_CONCURRENCY) rounds of one call's worst case.
            List<MessageAnalysis> analyses = Rehearsal.analyse(wf, llm.analyst(), services.maxConcurrency());
            services.store().runs().putAnalyses(run.accountId(), run.runId(), Json.write(analyses));
            issues = new java.util.ArrayList<>(issues);
            issues.addAll(Rehearsal.issuesFrom(wf, analyses));
            analysed = analyses.size();
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("analysed", analysed);
        out.put("messages", Rehearsal.messages(wf).size());
        out.put("issues", issues.size());
        out.put("failing", issues.stream().filter(i -> i.severity().failsRun()).count());
        return out;
    }
}
