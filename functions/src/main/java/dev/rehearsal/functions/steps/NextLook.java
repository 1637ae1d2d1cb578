package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;

import java.util.List;

/**
 * After a look's walks of a {@code runs: auto} run: input {accountId, runId, walks, engine} ({@code walks}: the
 * walks per persona walked so far; {@code engine}: as LoadRun decided it). Judges every expectation over the stored walks with the CLI's stopping rule
 * (Runs.nextLook: stop once none is undecided, or at the last look) and answers {@code done}, or raises the
 * run's walks to the next look and answers that look's Map items — the new walks only. Output: the state
 * the walking states read (ids and ranges, DESIGN invariant 1). A retry answers the same: the judged walks
 * come from the input, and raising the walks again to the same look changes nothing.
 */
public class NextLook extends StepHandler {
    private final StepServices services;

    public NextLook() {
        this(StepServices.fromEnvironment());
    }

    public NextLook(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String accountId = text(input, "accountId");
        int walked = integer(input, "walks");
        String engine = text(input, "engine");
        RunRecord run = RunData.run(services.store(), accountId, text(input, "runId"));
        if (run.status() != RunStatus.RUNNING) {
            throw new StepInputException("run " + run.runId() + " is " + run.status() + ", not RUNNING");
        }
        if (walked < 1 || walked > run.walks()) {
            throw new StepInputException("walks " + walked + " is not a look of run " + run.runId() + " (" + run.walks() + " walks)");
        }
        RunPlan plan = RunPlan.read(services.store(), run);
        List<PersonaRun> runs = GenerateReport.personaRuns(services.store(), run, walked);
        List<ExpectationResult> results = ExpectationEvaluator.evaluate(plan.expectations(), runs,
                plan.runs().confidence(), null); // the verdicts only decide whether to walk on; the report labels them
        int next = plan.runs().nextLook(walked, ExpectationEvaluator.anyUndecided(results));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("accountId", accountId);
        out.put("runId", run.runId());
        out.put("auto", plan.runs().isAuto());
        out.put("done", next == 0);
        out.put("walks", next == 0 ? walked : next);
        out.put("undecided", results.stream().filter(r -> r.verdict() == dev.rehearsal.engine.stats.Verdict.UNDECIDED).count());
        if (next == 0) return out;
        RunRecord grown = services.store().runs().growWalks(accountId, run.runId(), next);
        return LoadRun.walkState(out, services, grown, RunData.workflow(services.store(), grown), walked,
                engine.equals("offline"));
    }
}
