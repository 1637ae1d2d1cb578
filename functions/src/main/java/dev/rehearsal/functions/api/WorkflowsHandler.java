package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.engine.workflow.WorkflowSettings;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Limits;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.functions.observe.JsonLog;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.functions.run.RunAdmission;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.run.RunStartUncertainException;
import dev.rehearsal.functions.run.RunStarter;
import dev.rehearsal.store.PersonaRepository;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Stored;
import dev.rehearsal.store.WorkflowRepository;
import dev.rehearsal.store.WorkflowVersion;
import dev.rehearsal.store.WorkflowSummary;
import dev.rehearsal.store.Page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code PUT/GET /workflows/{id}}, {@code POST /workflows/{id}/validate} and
 * {@code POST /workflows/{id}/test}. Every check runs before the one write a request makes.
 */
public class WorkflowsHandler extends ApiHandlerBase {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");
    private static final Set<String> TEST_FIELDS = Set.of("personas", "seed", "version", "runs", "expectations");
    public static final long DEFAULT_SEED = dev.rehearsal.engine.sim.SimulationOptions.DEFAULT_SEED;

    private final WorkflowRepository workflows;
    private final PersonaRepository personas;
    private final RunRepository runs;
    private final RunStarter starter;
    private final RunAdmission admission;

    public WorkflowsHandler() {
        this(Services.fromEnvironment());
    }

    public WorkflowsHandler(Services services) {
        this.workflows = services.store().workflows();
        this.personas = services.store().personas();
        this.runs = services.store().runs();
        this.starter = services.runStarter();
        this.admission = services.admission();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("GET", "/workflows", this::list)
                .route("PUT", "/workflows/{id}", this::put)
                .route("GET", "/workflows/{id}", this::get)
                .route("POST", "/workflows/{id}/validate", this::validate)
                .route("POST", "/workflows/{id}/test", this::startTest);
    }

    /** The account's workflows, most recently saved first. */
    APIGatewayV2HTTPResponse list(ApiRequest req) {
        Page<WorkflowSummary> page = workflows.list(req.accountId(), req.limit(25, 100), req.query("next"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("items");
        for (WorkflowSummary w : page.items()) {
            items.addObject().put("id", w.workflowId()).put("version", w.version()).put("name", w.name())
                    .put("updated_at", w.updatedAt());
        }
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse put(ApiRequest req) {
        String id = req.pathId("id", WORKFLOW_ID, "workflow");
        String text = req.body(Limits.MAX_WORKFLOW_BYTES);
        Workflow wf = parse(text, id);
        Stored<WorkflowVersion> s = workflows.save(req.accountId(), id, text);
        ObjectNode out = summary(s.value());
        out.put("created", s.created());
        out.set("issues", Json.tree(Validators.validate(wf)));
        return Responses.json(s.created() ? 201 : 200, out, Map.of("location", "/workflows/" + id));
    }

    APIGatewayV2HTTPResponse get(ApiRequest req) {
        String id = req.pathId("id", WORKFLOW_ID, "workflow");
        String v = req.query("version");
        WorkflowVersion wv;
        if (v == null || v.isEmpty()) {
            wv = workflows.latest(req.accountId(), id).orElseThrow(() -> ApiException.notFound("workflow", id));
        } else {
            int n = version(v);
            wv = workflows.get(req.accountId(), id, n)
                    .orElseThrow(() -> new ApiException(404, "not_found", "workflow '" + id + "' has no version " + n));
        }
        ObjectNode out = summary(wv);
        out.set("definition", document(wv.definition()));
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse validate(ApiRequest req) {
        String id = req.pathId("id", WORKFLOW_ID, "workflow");
        String text = req.body(Limits.MAX_WORKFLOW_BYTES);
        if (text.isBlank()) {
            text = workflows.latest(req.accountId(), id).orElseThrow(() -> new ApiException(404, "not_found",
                    "workflow '" + id + "' was not found; send its definition as the body to validate it unsaved"))
                    .definition();
        }
        Workflow wf = parse(text, id);
        List<Issue> issues = Validators.validate(wf);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("workflow_id", id);
        out.put("valid", issues.stream().noneMatch(i -> i.severity().failsRun()));
        out.set("issues", Json.tree(issues));
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse startTest(ApiRequest req) {
        String id = req.pathId("id", WORKFLOW_ID, "workflow");
        String key = req.header("idempotency-key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.badRequest("invalid_idempotency_key", "",
                    "Idempotency-Key must be 1 to 128 characters of A-Z a-z 0-9 _ . : -");
        }
        String text = req.body(Limits.MAX_TEST_REQUEST_BYTES);
        JsonNode body = text.isBlank() ? JsonNodeFactory.instance.objectNode() : ApiRequest.parseJson(text);
        if (!body.isObject()) throw ApiException.badRequest("invalid_body", "", "the body must be a JSON object");
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TEST_FIELDS.contains(f)) {
                problems.add(new Problem("/" + f, 0, 0, "unknown_field", "unknown field '" + f + "' (expected personas, seed, version, runs, expectations)"));
            }
        }
        List<String> personaIds = personaIds(req.accountId(), body.get("personas"), problems);
        long seed = DEFAULT_SEED;
        JsonNode s = body.get("seed");
        if (s != null) {
            if (s.isIntegralNumber() && s.canConvertToLong()) seed = s.asLong();
            else problems.add(new Problem("/seed", 0, 0, "invalid_seed", "seed must be an integer"));
        }
        dev.rehearsal.engine.stats.Runs plan = runsOf(body.get("runs"), problems);
        // runs auto walks its first look now; NextLook raises the run's walks look by look, to 480 at most.
        int walks = plan.isAuto() ? dev.rehearsal.engine.stats.Runs.AUTO_LOOKS[0] : plan.fixed();
        int maxWalks = plan.isAuto() ? dev.rehearsal.engine.stats.Runs.AUTO_LOOKS[dev.rehearsal.engine.stats.Runs.AUTO_LOOKS.length - 1] : walks;
        JsonNode expectationsJson = body.get("expectations");
        if (expectationsJson != null) problems.addAll(dev.rehearsal.engine.expect.SuiteParser.expectationProblems(expectationsJson, "/expectations"));
        Integer requestedVersion = null;
        JsonNode v = body.get("version");
        if (v != null) {
            if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1) requestedVersion = v.asInt();
            else problems.add(new Problem("/version", 0, 0, "invalid_version", "version must be an integer >= 1"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid_test_request", "the test request is invalid: " + problems.size()
                    + " problem(s); the first: " + problems.get(0).describe(), problems);
        }
        WorkflowVersion wv;
        if (requestedVersion == null) {
            wv = workflows.latest(req.accountId(), id).orElseThrow(() -> ApiException.notFound("workflow", id));
        } else {
            int n = requestedVersion;
            wv = workflows.get(req.accountId(), id, n).orElseThrow(() -> new ApiException(404, "not_found",
                    "workflow '" + id + "' has no version " + n));
        }
        String runId = key == null ? "run-" + UUID.randomUUID().toString().replace("-", "")
                : runIdFor(req.accountId(), id, key);
        checkHistoryBudget(wv, personaIds.size() * maxWalks);
        checkExpectations(wv, expectationsJson, personaIds);
        String digest = requestDigest(personaIds, seed, requestedVersion, walks)
                + planDigest(plan, expectationsJson);
        // Limits first: a refused start writes nothing (no snapshot, no run). An auto run is admitted at its cap.
        if (runs.get(req.accountId(), runId).isEmpty()) {
            admission.admit(req.accountId(), runId, WorkflowParser.parseOrThrow(wv.definition()),
                    personasOf(req.accountId(), personaIds), seed, maxWalks);
            // Written before the run, as the snapshots: a run never lacks its plan.
            if (plan.isAuto() || expectationsJson != null) {
                runs.putPlan(req.accountId(), runId, dev.rehearsal.functions.steps.RunPlan.document(plan, expectationsJson));
            }
        }
        // The personas as they are now, before the run exists: a run never lacks its snapshots.
        for (String pid : personaIds) {
            dev.rehearsal.engine.persona.Persona p = personas.get(req.accountId(), pid)
                    .orElseThrow(() -> new ApiException(409, "persona_changed", "persona '" + pid + "' was deleted "
                            + "while the run was being requested; try again"));
            runs.putPersonaSnapshot(req.accountId(), runId, pid, Json.write(p));
        }
        Stored<RunRecord> run = runs.create(req.accountId(), runId, id, wv.version(), personaIds, seed, walks, digest);
        RunRecord r = run.value();
        if (!run.created() && key != null) checkSameRequest(req.accountId(), runId, digest);
        // A retry with the same Idempotency-Key of a run still RUNNING starts it again: the first attempt may
        // have died between recording the run and starting it, and a repeated start is idempotent.
        if (run.created() || r.status() == RunStatus.RUNNING) {
            try {
                starter.start(new RunRef(req.accountId(), runId, id, wv.version()));
            } catch (RunStartUncertainException e) {
                JsonLog.warn("start of the run unconfirmed", java.util.Map.of("runId", runId), e);
                throw new ApiException(503, "run_start_unconfirmed", "the run " + runId + " was recorded but its start "
                        + "was not confirmed; retry with the same Idempotency-Key");
            } catch (RuntimeException e) {
                JsonLog.error("could not start the run", java.util.Map.of("runId", runId), e);
                runs.finish(req.accountId(), runId, RunStatus.FAILED, "run_start_failed: " + e.getMessage());
                throw new ApiException(503, "run_start_failed", "the run " + runId
                        + " was recorded but could not be started; it is marked FAILED, try again");
            }
        }
        if (run.created()) RunMetrics.runStarted(runId);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("run_id", runId);
        out.put("status", r.status().name());
        out.put("workflow_id", r.workflowId());
        out.put("workflow_version", r.workflowVersion());
        out.set("persona_ids", JsonTrees.texts(r.personaIds()));
        out.put("seed", r.seed());
        if (plan.isAuto()) out.put("runs", "auto");
        else out.put("runs", r.walks());
        out.put("created", run.created());
        return Responses.json(202, out, Map.of("location", "/tests/" + runId));
    }

    /**
     * The run's walks go through a Distributed Map (statemachine/test-run.asl.json): the parent's history no
     * longer grows with them, but one stepped walk must fit one child execution's 25,000 events, and a run
     * holds at most {@code Runs.MAX_WALKS_PER_RUN} walks. A run past either is refused up front rather than
     * failing hours later in AWS.
     */
    private static void checkHistoryBudget(WorkflowVersion wv, int walks) {
        WorkflowParser.Result parsed = WorkflowParser.parse(wv.definition());
        int maxSteps = parsed.ok() ? parsed.workflow().settings().maxSteps() : WorkflowSettings.DEFAULT_MAX_STEPS;
        String problem = walks > dev.rehearsal.engine.stats.Runs.MAX_WALKS_PER_RUN
                ? walks + " walks (personas x runs) is more than the " + dev.rehearsal.engine.stats.Runs.MAX_WALKS_PER_RUN + " walks one run may hold"
                : dev.rehearsal.functions.steps.WalkPlan.steppedProblem(maxSteps);
        if (problem != null) {
            throw new ApiException(400, "run_too_large", problem + "; lower settings.max_steps, runs, or test fewer personas at once",
                    List.of(new Problem(walks > dev.rehearsal.engine.stats.Runs.MAX_WALKS_PER_RUN ? "/runs" : "/settings/max_steps", 0, 0, "run_too_large", problem)));
        }
    }

    /**
     * "runs": walks per persona, 1 by default through the API, or "auto" — the CLI's looks of 30, 60, 120, 240
     * and 480 walks until every expectation is decided (Runs.nextLook), for the offline engine and an LLM
     * provider alike, as the CLI allows it.
     */
    static dev.rehearsal.engine.stats.Runs runsOf(JsonNode runs, List<Problem> problems) {
        if (runs == null) return dev.rehearsal.engine.stats.Runs.of(1);
        if (runs.isTextual() && "auto".equals(runs.asText())) return dev.rehearsal.engine.stats.Runs.auto();
        if (runs.isIntegralNumber() && runs.canConvertToInt() && runs.asInt() >= 1 && runs.asInt() <= MAX_API_RUNS) {
            return dev.rehearsal.engine.stats.Runs.of(runs.asInt());
        }
        problems.add(new Problem("/runs", 0, 0, "invalid_runs", "runs must be \"auto\" or an integer from 1 to " + MAX_API_RUNS));
        return dev.rehearsal.engine.stats.Runs.of(1);
    }

    /** Expectations must name steps, goals and personas of this run (as the CLI checks a suite's). */
    private static void checkExpectations(WorkflowVersion wv, JsonNode expectationsJson, List<String> personaIds) {
        if (expectationsJson == null) return;
        List<Problem> wrong = dev.rehearsal.engine.expect.ExpectationEvaluator.problems(
                dev.rehearsal.engine.expect.SuiteParser.expectations(expectationsJson),
                WorkflowParser.parseOrThrow(wv.definition()), new HashSet<>(personaIds)).stream()
                .map(p -> new Problem("/expectations" + p.pointer(), 0, 0, p.code(), p.message())).toList();
        if (!wrong.isEmpty()) {
            throw new ApiException(400, "invalid_test_request", "the test request is invalid: " + wrong.size()
                    + " problem(s); the first: " + wrong.get(0).describe(), wrong);
        }
    }

    /** Joins the digest only when given, so digests of runs from before runs auto and expectations stay the same. */
    static String planDigest(dev.rehearsal.engine.stats.Runs plan, JsonNode expectationsJson) {
        if (!plan.isAuto() && expectationsJson == null) return "";
        return ":" + WorkflowRepository.sha256((plan.isAuto() ? "auto" : "") + "\n"
                + (expectationsJson == null ? "" : expectationsJson.toString())).substring(0, 16);
    }

    /** As the CLI's offline cap: walks are batched offline, so 1,000 walks x 7 personas is one Distributed Map. */
    static final int MAX_API_RUNS = dev.rehearsal.engine.stats.Runs.MAX_OFFLINE;

    /** What makes two test requests the same request: the personas, the seed and the version asked for. */
    static String requestDigest(List<String> personaIds, long seed, Integer version, int walks) {
        // walks joins the digest only when asked for, so digests of runs from before walks stay the same.
        return WorkflowRepository.sha256(String.join(",", personaIds) + "\n" + seed + "\n" + (version == null ? "" : version)
                + (walks == 1 ? "" : "\nruns " + walks));
    }

    /** A reused Idempotency-Key must come with the request it was first used for (422 otherwise). */
    private void checkSameRequest(String accountId, String runId, String digest) {
        String first = runs.requestDigest(accountId, runId).orElse(null);
        if (first != null && !first.equals(digest)) {
            throw new ApiException(422, "idempotency_key_reused", "this Idempotency-Key was already used for run "
                    + runId + " with a different request (personas, seed or version); use a new key for a new run");
        }
    }

    private List<dev.rehearsal.engine.persona.Persona> personasOf(String accountId, List<String> ids) {
        List<dev.rehearsal.engine.persona.Persona> out = new ArrayList<>();
        for (String p : ids) out.add(personas.get(accountId, p).orElseThrow(() -> ApiException.notFound("persona", p)));
        return out;
    }

    /** The run id for an Idempotency-Key: the same key from the same account on the same workflow, the same run. */
    public static String runIdFor(String accountId, String workflowId, String key) {
        return "run-" + WorkflowRepository.sha256(accountId + "\n" + workflowId + "\n" + key).substring(0, 32);
    }

    private List<String> personaIds(String accountId, JsonNode node, List<Problem> problems) {
        if (node == null) return dev.rehearsal.engine.persona.PersonaCatalog.BUILT_IN_IDS;
        if (!node.isArray() || node.isEmpty() || node.size() > Limits.MAX_PERSONAS_PER_RUN) {
            problems.add(new Problem("/personas", 0, 0, "invalid_personas", "personas must be an array of 1 to "
                    + Limits.MAX_PERSONAS_PER_RUN + " persona ids"));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String ptr = "/personas/" + i;
            if (!p.isTextual() || !PERSONA_ID.matcher(p.asText()).matches()) {
                problems.add(new Problem(ptr, 0, 0, "invalid_persona_id", "not a persona id: " + p));
            } else if (!seen.add(p.asText())) {
                problems.add(new Problem(ptr, 0, 0, "duplicate_persona", "persona '" + p.asText() + "' is listed twice"));
            } else if (personas.get(accountId, p.asText()).isEmpty()) {
                problems.add(new Problem(ptr, 0, 0, "unknown_persona", "persona '" + p.asText() + "' does not exist"));
            } else {
                ids.add(p.asText());
            }
        }
        return ids;
    }

    /** Parses a definition, refusing it with every located problem; the body id must be the path id. */
    static Workflow parse(String text, String pathId) {
        if (text.isBlank()) throw ApiException.badRequest("missing_body", "", "a workflow JSON object is required");
        JsonNode tree = ApiRequest.parseJson(text);
        if (!tree.isObject()) throw ApiException.badRequest("invalid_body", "", "the body must be a JSON object");
        JsonNode steps = tree.get("steps");
        if (steps != null && steps.isArray() && steps.size() > Limits.MAX_WORKFLOW_STEPS) {
            throw ApiException.badRequest("too_many_steps", "/steps", "a workflow may have at most "
                    + Limits.MAX_WORKFLOW_STEPS + " steps (this one has " + steps.size() + ")");
        }
        WorkflowParser.Result r = WorkflowParser.parse(text);
        if (!r.ok()) {
            throw new ApiException(400, "invalid_workflow", "the workflow is invalid: " + r.problems().size()
                    + " problem(s); the first: " + r.problems().get(0).describe(), r.problems());
        }
        if (!pathId.equals(r.workflow().id())) {
            throw ApiException.badRequest("id_mismatch", "/id", "body id '" + r.workflow().id()
                    + "' differs from the path id '" + pathId + "'");
        }
        return r.workflow();
    }

    private static int version(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiException.badRequest("invalid_version", "", "version must be an integer >= 1");
    }

    private static ObjectNode summary(WorkflowVersion v) {
        ObjectNode out = JsonNodeFactory.instance.objectNode(); // not the mapper: GET stays off data binding
        out.put("id", v.workflowId());
        out.put("version", v.version());
        out.put("digest", v.digest());
        out.put("created_at", v.createdAt());
        return out;
    }
}
