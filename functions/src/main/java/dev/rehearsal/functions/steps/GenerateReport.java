package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.TestIds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Last state: input {accountId, runId}. Rebuilds every persona's run from its stored session and
 * interactions, builds the report (static issues, findings, coverage, score, recommendations),
 * stores it and marks the run COMPLETED. Output: the score only.
 */
public class GenerateReport extends StepHandler {
    private final StepServices services;

    public GenerateReport() {
        this(StepServices.fromEnvironment());
    }

    public GenerateReport(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        Store store = services.store();
        RunRecord run = RunData.run(store, accountId, text(input, "runId"));
        Workflow wf = RunData.workflow(store, run);
        List<PersonaRun> runs = personaRuns(store, run);
        SimulationOptions options = RunData.options(run);
        LlmJobs llm = services.llmFor(accountId);
        Report.RunInfo info = new Report.RunInfo(run.seed(), options.start().toString(),
                services.responderFor(accountId).name(), run.personaIds());
        if (llm != null) {
            // The function's price table (bundled, or overridden by PROVIDER_PRICE_FILE): its warnings go in the report.
            var who = services.responderFor(accountId).info();
            info = info.withResponderInfo(who).withWarnings(dev.rehearsal.functions.llm.LambdaPrices.table()
                    .warnings(who.model(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        }
        // As the CLI's Rehearsal.walk: the run's walks and stopping rule, expectations judged at the plan's confidence.
        RunPlan plan = RunPlan.read(store, run);
        if (plan.runs().isAuto() || run.walks() > 1) info = info.withWalks(run.walks(), plan.runs().toString(),
                plan.runs().confidence(), Rehearsal.stopping(plan.runs(), run.walks()));
        List<MessageAnalysis> analyses = store.runs().analyses(accountId, run.runId())
                .map(GenerateReport::analyses).orElse(List.of());
        List<dev.rehearsal.engine.expect.Expectation> expectations = plan.expectations();
        List<dev.rehearsal.engine.expect.ExpectationResult> results = dev.rehearsal.engine.expect.ExpectationEvaluator
                .evaluate(expectations, runs, plan.runs().confidence(), services.responderFor(accountId).info().label());
        // Branch hunting is part of the report stage: scripted leads on the walks' options, no LLM calls.
        Report report = Rehearsal.report(wf, info, runs, expectations, results, analyses,
                llm == null ? null : llm.recommender(), options, true);
        // What a person reads outlives the run's in-flight walks; the rest expire unread (WalkRetention).
        int kept = WalkRetention.keep(store, accountId, run.runId(), WalkRetention.kept(runs, expectations));
        store.runs().putReport(accountId, run.runId(), Json.write(report));
        RunRecord done = store.runs().finish(accountId, run.runId(), RunStatus.COMPLETED, null,
                report.verdictOrPassed().wire());
        RunMetrics.runEnded("GenerateReport", run.runId(), done.status().name(), report.verdictOrPassed().wire());
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("status", done.status().name());
        out.put("score", report.score());
        out.put("passed", report.passed());
        out.put("verdict", report.verdictOrPassed().wire());
        out.put("keptItems", kept); // items whose TTL retention extended (the cost meter counts these writes)
        return out;
    }

    static List<MessageAnalysis> analyses(String json) {
        try {
            return List.of(Json.mapper().readValue(json, MessageAnalysis[].class));
        } catch (IOException e) {
            throw new StepInputException("stored message analyses are unreadable: " + e.getMessage());
        }
    }

    /** Every walk of every persona, rebuilt from the store, in the run's persona order, walks in order. */
    public static List<PersonaRun> personaRuns(Store store, RunRecord run) {
        return personaRuns(store, run, run.walks());
    }

    /** The first {@code walks} walks of every persona (a look of a runs-auto run), in the same order. */
    static List<PersonaRun> personaRuns(Store store, RunRecord run, int walks) {
        List<PersonaRun> out = new ArrayList<>();
        for (String personaId : run.personaIds()) {
            for (int walk = 0; walk < walks; walk++) out.add(walk(store, run, personaId, walk));
        }
        return out;
    }

    private static PersonaRun walk(Store store, RunRecord run, String personaId, int walk) {
        {
            String testId = TestIds.of(run.runId(), personaId, walk);
            PersonaTest t = store.runs().getTest(run.accountId(), testId)
                    .orElseThrow(() -> new StepInputException("test " + testId + " does not exist"));
            SimulationSession s = RunData.session(t);
            if (!s.done()) throw new StepInputException("test " + testId + " has not finished");
            return new PersonaRun(s.persona != null ? s.persona : RunData.persona(store, run, personaId), s,
                    interactions(store, run.accountId(), run.runId(), testId));
        }
    }

    static List<Interaction> interactions(Store store, String accountId, String runId, String testId) {
        List<Interaction> out = new ArrayList<>();
        String token = null;
        do {
            Page<dev.rehearsal.store.Interaction> p = store.runs().interactions(accountId, runId, testId, 100, token);
            for (dev.rehearsal.store.Interaction i : p.items()) {
                try {
                    out.add(Json.mapper().readValue(i.document(), Interaction.class));
                } catch (IOException e) {
                    throw new IllegalStateException("stored interaction " + testId + "#" + i.stepIndex() + " is unreadable", e);
                }
            }
            token = p.nextToken();
        } while (token != null);
        return out;
    }
}
