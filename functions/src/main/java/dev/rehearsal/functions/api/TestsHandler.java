package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.functions.observe.JsonLog;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.run.RunStarter;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.Interaction;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.Report;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.TestIds;
import dev.rehearsal.store.WorkflowRepository;

/**
 * {@code GET /tests/{id}}, {@code DELETE /tests/{id}} (cancel), {@code GET /tests/{id}/report},
 * {@code GET /tests/{id}/interactions}.
 */
public class TestsHandler extends ApiHandlerBase {
    private final RunRepository runs;
    private final RunStarter starter;
    private final WorkflowRepository workflows;

    public TestsHandler() {
        this(Services.fromEnvironment());
    }

    public TestsHandler(Services services) {
        this.runs = services.store().runs();
        this.starter = services.runStarter();
        this.workflows = services.store().workflows();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("GET", "/tests", this::list)
                .route("GET", "/tests/{id}", this::get)
                .route("DELETE", "/tests/{id}", this::cancel)
                .route("GET", "/tests/{id}/report", this::report)
                .route("GET", "/tests/{id}/interactions", this::interactions);
    }

    /** The account's runs, newest first; {@code ?workflow_id=} and {@code ?status=} narrow them. */
    APIGatewayV2HTTPResponse list(ApiRequest req) {
        int limit = req.limit(25, 100);
        String workflowId = req.query("workflow_id");
        if (workflowId != null && !WORKFLOW_ID.matcher(workflowId).matches()) {
            throw ApiException.badRequest("invalid_id", "", "workflow_id '" + ApiRequest.truncate(workflowId)
                    + "' is not a workflow id");
        }
        String statusParam = req.query("status");
        RunStatus status = null;
        if (statusParam != null) {
            try {
                status = RunStatus.valueOf(statusParam.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_status", "", "status must be one of "
                        + java.util.Arrays.toString(RunStatus.values()));
            }
        }
        Page<RunRecord> page = runs.list(req.accountId(), workflowId, status, limit, req.query("next"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(r -> items.add(runJson(r)));
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse get(ApiRequest req) {
        RunRecord run = run(req);
        ObjectNode out = runJson(run);
        ArrayNode tests = out.putArray("tests");
        for (PersonaTest t : runs.tests(req.accountId(), run.runId())) {
            ObjectNode o = tests.addObject();
            o.put("test_id", t.testId());
            o.put("persona_id", t.personaId());
            o.put("walk", TestIds.walk(t.testId()));
            o.put("status", t.status());
            o.put("updated_at", t.updatedAt());
        }
        return Responses.json(200, out);
    }

    /**
     * Cancels a run: RUNNING becomes CANCELLED, then its execution is stopped. Idempotent (a
     * cancelled run answers the same, and its stop is asked again in case the first was lost); a run
     * that already ended otherwise is a 409.
     */
    APIGatewayV2HTTPResponse cancel(ApiRequest req) {
        RunRecord run = run(req);
        if (run.status() == RunStatus.RUNNING) {
            try {
                run = runs.finish(req.accountId(), run.runId(), RunStatus.CANCELLED, "cancelled: by request");
                RunMetrics.runEnded("api", run.runId(), run.status().name(), "by_request");
            } catch (ConflictException e) {
                run = run(req); // it ended meanwhile
            }
        }
        if (run.status() != RunStatus.CANCELLED) {
            throw new ApiException(409, "run_finished", "run " + run.runId() + " already ended " + run.status()
                    + "; only a RUNNING run can be cancelled");
        }
        try {
            starter.stop(new RunRef(req.accountId(), run.runId(), run.workflowId(), run.workflowVersion()));
        } catch (RuntimeException e) {
            JsonLog.warn("stop of the run unconfirmed", java.util.Map.of("runId", run.runId()), e);
            throw new ApiException(503, "run_stop_unconfirmed", "run " + run.runId() + " is CANCELLED but the stop of "
                    + "its execution was not confirmed; repeat the DELETE");
        }
        return Responses.json(200, runJson(run));
    }

    APIGatewayV2HTTPResponse report(ApiRequest req) {
        RunRecord run = run(req);
        Report r = runs.report(req.accountId(), run.runId()).orElseThrow(() -> new ApiException(404,
                "report_not_ready", "run " + run.runId() + " has no report yet (status " + run.status() + ")"));
        if (HtmlReportResponse.wanted(req.header("accept"))) return HtmlReportResponse.of(req.accountId(), run, r, workflows);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("run_id", run.runId());
        out.put("status", run.status().name());
        out.put("created_at", r.createdAt());
        out.set("report", storedDocument(r.document()));
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse interactions(ApiRequest req) {
        int limit = req.limit(25, 100);
        RunRecord run = run(req);
        String persona = req.query("persona");
        String walkParam = req.query("walk");
        String testId = null;
        int walk = 0;
        if (walkParam != null && !walkParam.isEmpty()) {
            try {
                walk = Integer.parseInt(walkParam);
            } catch (NumberFormatException e) {
                walk = -1;
            }
            if (walk < 0 || walk >= run.walks()) {
                throw ApiException.badRequest("invalid_walk", "", "walk must be an integer from 0 to " + (run.walks() - 1)
                        + " for this run");
            }
            if (persona == null || persona.isEmpty()) {
                throw ApiException.badRequest("walk_needs_persona", "", "walk selects one persona's walk: give persona too");
            }
        }
        if (persona != null && !persona.isEmpty()) {
            if (!PERSONA_ID.matcher(persona).matches()) {
                throw ApiException.badRequest("invalid_id", "", "persona '" + persona + "' is not a persona id");
            }
            testId = TestIds.of(run.runId(), persona, walk);
        }
        Page<Interaction> page = runs.interactions(req.accountId(), run.runId(), testId, limit, req.query("next"));
        if (page.items().isEmpty() && testId != null && walk > 0 && run.status() == RunStatus.COMPLETED) {
            // Every finished walk has interactions: none means its in-flight TTL passed without the report keeping it.
            throw new ApiException(410, "walk_not_retained", "walk " + walk + " of " + persona + " was not retained: the "
                    + "report keeps each distinct path's first walk and every walk that failed an expectation; the "
                    + "report's rates and path distribution still count it");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("run_id", run.runId());
        ArrayNode items = out.putArray("items");
        for (Interaction i : page.items()) {
            ObjectNode o = items.addObject();
            o.put("test_id", i.testId());
            o.put("persona_id", TestIds.personaId(i.testId()));
            o.put("walk", TestIds.walk(i.testId()));
            o.put("step_index", i.stepIndex());
            o.put("created_at", i.createdAt());
            o.set("interaction", storedDocument(i.document()));
        }
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    private RunRecord run(ApiRequest req) {
        String id = req.pathId("id", RUN_ID, "test run");
        return runs.get(req.accountId(), id).orElseThrow(() -> ApiException.notFound("test run", id));
    }

    static ObjectNode runJson(RunRecord r) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("run_id", r.runId());
        out.put("workflow_id", r.workflowId());
        out.put("workflow_version", r.workflowVersion());
        out.set("persona_ids", JsonTrees.texts(r.personaIds()));
        out.put("seed", r.seed());
        out.put("runs", r.walks());
        out.put("status", r.status().name());
        if (r.verdict() != null) out.put("verdict", r.verdict());
        if (r.error() != null) out.put("error", r.error());
        out.put("created_at", r.createdAt());
        out.put("updated_at", r.updatedAt());
        return out;
    }
}
