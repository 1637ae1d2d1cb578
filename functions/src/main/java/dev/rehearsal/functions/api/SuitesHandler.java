package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Limits;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.Stored;
import dev.rehearsal.store.Suite;
import dev.rehearsal.store.SuiteRepository;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET/PUT /suites/{id}}. A suite: {"id"?, "name", "description"?, "entries": [{"workflow",
 * "version"?, "personas"?: [ids], "seed"?, "expectations"?: [as in suite.schema.json]}], "schedule"?}.
 * GET adds the baseline when one is set.
 */
public class SuitesHandler extends ApiHandlerBase {
    private static final Set<String> FIELDS = Set.of("id", "name", "description", "entries", "schedule");
    private static final Set<String> ENTRY_FIELDS = Set.of("workflow", "version", "personas", "seed", "expectations");
    private final SuiteRepository suites;

    public SuitesHandler() {
        this(Services.fromEnvironment());
    }

    public SuitesHandler(Services services) {
        this.suites = services.store().suites();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("GET", "/suites", this::list).route("GET", "/suites/{id}", this::get)
                .route("PUT", "/suites/{id}", this::put);
    }

    /** The account's suites, most recently saved first. */
    APIGatewayV2HTTPResponse list(ApiRequest req) {
        Page<Suite> page = suites.list(req.accountId(), req.limit(25, 100), req.query("next"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var items = out.putArray("items");
        for (Suite s : page.items()) {
            JsonNode name = document(s.document()).path("name");
            items.addObject().put("id", s.suiteId()).put("name", name.isTextual() ? name.asText() : null)
                    .put("updated_at", s.updatedAt());
        }
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse get(ApiRequest req) {
        String id = req.pathId("id", SUITE_ID, "suite");
        Suite s = suites.get(req.accountId(), id).orElseThrow(() -> ApiException.notFound("suite", id));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("updated_at", s.updatedAt());
        out.set("suite", document(s.document()));
        suites.baseline(req.accountId(), id).ifPresent(b -> out.set("baseline", document(b.document())));
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse put(ApiRequest req) {
        String id = req.pathId("id", SUITE_ID, "suite");
        JsonNode body = req.jsonObject(Limits.MAX_SUITE_BYTES);
        List<Problem> problems = check(body, id);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid_suite", "the suite is invalid: " + problems.size()
                    + " problem(s); the first: " + problems.get(0).describe(), problems);
        }
        Stored<Suite> s = suites.put(req.accountId(), id, Json.write(body));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("updated_at", s.value().updatedAt());
        out.put("created", s.created());
        return Responses.json(s.created() ? 201 : 200, out, Map.of("location", "/suites/" + id));
    }

    static List<Problem> check(JsonNode body, String id) {
        List<Problem> p = new ArrayList<>();
        unknown(body, FIELDS, "", p);
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
            p.add(problem("/id", "id_mismatch", "body id " + bodyId + " differs from the path id '" + id + "'"));
        }
        text(body.get("name"), "/name", true, Limits.MAX_NAME_LENGTH, p);
        text(body.get("description"), "/description", false, Limits.MAX_DESCRIPTION_LENGTH, p);
        text(body.get("schedule"), "/schedule", false, 100, p);
        JsonNode entries = body.get("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > Limits.MAX_SUITE_ENTRIES) {
            p.add(problem("/entries", "invalid_entries", "entries must be an array of 1 to "
                    + Limits.MAX_SUITE_ENTRIES + " entries"));
            return p;
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String base = "/entries/" + i;
            if (!e.isObject()) {
                p.add(problem(base, "invalid_entry", "an entry must be an object"));
                continue;
            }
            unknown(e, ENTRY_FIELDS, base, p);
            JsonNode wf = e.get("workflow");
            if (wf == null || !wf.isTextual() || !WORKFLOW_ID.matcher(wf.asText()).matches()) {
                p.add(problem(base + "/workflow", "invalid_id", "workflow must be a workflow id"));
            }
            JsonNode v = e.get("version");
            if (v != null && !(v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1)) {
                p.add(problem(base + "/version", "invalid_version", "version must be an integer >= 1"));
            }
            JsonNode s = e.get("seed");
            if (s != null && !(s.isIntegralNumber() && s.canConvertToLong())) {
                p.add(problem(base + "/seed", "invalid_seed", "seed must be an integer"));
            }
            JsonNode ex = e.get("expectations");
            if (ex != null) p.addAll(SuiteParser.expectationProblems(ex, base + "/expectations"));
            JsonNode ps = e.get("personas");
            if (ps != null) {
                if (!ps.isArray() || ps.isEmpty() || ps.size() > Limits.MAX_PERSONAS_PER_RUN) {
                    p.add(problem(base + "/personas", "invalid_personas", "personas must be an array of 1 to "
                            + Limits.MAX_PERSONAS_PER_RUN + " persona ids"));
                } else {
                    for (int j = 0; j < ps.size(); j++) {
                        if (!ps.get(j).isTextual() || !PERSONA_ID.matcher(ps.get(j).asText()).matches()) {
                            p.add(problem(base + "/personas/" + j, "invalid_persona_id", "not a persona id: " + ps.get(j)));
                        }
                    }
                }
            }
        }
        return p;
    }

    private static void unknown(JsonNode o, Set<String> allowed, String base, List<Problem> p) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                p.add(problem(base + "/" + f, "unknown_field", "unknown field '" + (f.length() > 64 ? f.substring(0, 64)
                        + "..." : f) + "' (expected one of " + allowed.stream().sorted().toList() + ")"));
            }
        }
    }

    private static void text(JsonNode n, String ptr, boolean required, int max, List<Problem> p) {
        if (n == null) {
            if (required) p.add(problem(ptr, "required", ptr.substring(1) + " is required"));
        } else if (!n.isTextual() || n.asText().isBlank()) {
            p.add(problem(ptr, "invalid_type", ptr.substring(1) + " must be a non-empty string"));
        } else if (n.asText().length() > max) {
            p.add(problem(ptr, "too_long", ptr.substring(1) + " is longer than " + max + " characters"));
        }
    }

    private static Problem problem(String ptr, String code, String message) {
        return new Problem(ptr, 0, 0, code, message);
    }
}
