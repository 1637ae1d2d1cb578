package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.store.Interaction;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.Report;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.TestIds;

/** {@code GET /tests/{id}}, {@code GET /tests/{id}/report}, {@code GET /tests/{id}/interactions}. */
public class TestsHandler extends ApiHandlerBase {
    private final RunRepository runs;

    public TestsHandler() {
        this(Services.fromEnvironment());
    }

    public TestsHandler(Services services) {
        this.runs = services.store().runs();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("GET", "/tests/{id}", this::get)
                .route("GET", "/tests/{id}/report", this::report)
                .route("GET", "/tests/{id}/interactions", this::interactions);
    }

    APIGatewayV2HTTPResponse get(ApiRequest req) {
        RunRecord run = run(req);
        ObjectNode out = runJson(run);
        ArrayNode tests = out.putArray("tests");
        for (PersonaTest t : runs.tests(req.accountId(), run.runId())) {
            ObjectNode o = tests.addObject();
            o.put("testId", t.testId());
            o.put("personaId", t.personaId());
            o.put("walk", TestIds.walk(t.testId()));
            o.put("status", t.status());
            o.put("updatedAt", t.updatedAt());
        }
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse report(ApiRequest req) {
        RunRecord run = run(req);
        Report r = runs.report(req.accountId(), run.runId()).orElseThrow(() -> new ApiException(404,
                "report_not_ready", "run " + run.runId() + " has no report yet (status " + run.status() + ")"));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("runId", run.runId());
        out.put("status", run.status().name());
        out.put("createdAt", r.createdAt());
        out.set("report", document(r.document()));
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
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("runId", run.runId());
        ArrayNode items = out.putArray("items");
        for (Interaction i : page.items()) {
            ObjectNode o = items.addObject();
            o.put("testId", i.testId());
            o.put("personaId", TestIds.personaId(i.testId()));
            o.put("walk", TestIds.walk(i.testId()));
            o.put("stepIndex", i.stepIndex());
            o.put("createdAt", i.createdAt());
            o.set("interaction", document(i.document()));
        }
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    private RunRecord run(ApiRequest req) {
        String id = req.pathId("id", RUN_ID, "test run");
        return runs.get(req.accountId(), id).orElseThrow(() -> ApiException.notFound("test run", id));
    }

    static ObjectNode runJson(RunRecord r) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("runId", r.runId());
        out.put("workflowId", r.workflowId());
        out.put("workflowVersion", r.workflowVersion());
        out.set("personaIds", Json.tree(r.personaIds()));
        out.put("seed", r.seed());
        out.put("runs", r.walks());
        out.put("status", r.status().name());
        if (r.verdict() != null) out.put("verdict", r.verdict());
        if (r.error() != null) out.put("error", r.error());
        out.put("createdAt", r.createdAt());
        out.put("updatedAt", r.updatedAt());
        return out;
    }
}
