package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.validate.Validators;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Limits;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.ImportResult;
import dev.rehearsal.importers.Importers;
import dev.rehearsal.store.Stored;
import dev.rehearsal.store.WorkflowRepository;
import dev.rehearsal.store.WorkflowVersion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /workflows/{id}/import}: {@code {"format", "definition", "options"}} converted into a
 * workflow, stored as the next version of {@code id} like any PUT, answered with the mapping report
 * and the static findings. Every check (body, conversion, limits) runs before the one write.
 */
public class ImportHandler extends ApiHandlerBase {
    private static final Set<String> FIELDS = Set.of("format", "definition", "options");
    private static final Set<String> OPTIONS = Set.of("category", "prompt", "opening_message");

    private final WorkflowRepository workflows;

    public ImportHandler() {
        this(Services.fromEnvironment());
    }

    public ImportHandler(Services services) {
        this.workflows = services.store().workflows();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("POST", "/workflows/{id}/import", this::importWorkflow);
    }

    APIGatewayV2HTTPResponse importWorkflow(ApiRequest req) {
        String id = req.pathId("id", WORKFLOW_ID, "workflow");
        String text = req.body(Limits.MAX_WORKFLOW_BYTES);
        if (text.isBlank()) throw ApiException.badRequest("missing_body", "", "a JSON object {\"format\", \"definition\"} is required");
        JsonNode body = ApiRequest.parseJson(text);
        if (!body.isObject()) throw ApiException.badRequest("invalid_body", "", "the body must be a JSON object");
        ImportOptions options = options(id, body);
        ImportResult r;
        try {
            r = Importers.fromTree(body.hasNonNull("format") ? body.get("format").asText() : null, body.get("definition"), options);
        } catch (InvalidInputException e) {
            List<Problem> located = e.problems().stream().map(ImportHandler::inBody).toList();
            throw new ApiException(400, "invalid_import", "the definition cannot be imported: " + located.size()
                    + " problem(s); the first: " + located.get(0).describe(), located);
        }
        int steps = r.workflow().steps().size();
        if (steps > Limits.MAX_WORKFLOW_STEPS) {
            throw ApiException.badRequest("too_many_steps", "/definition", "the imported workflow would have " + steps
                    + " steps; a workflow may have at most " + Limits.MAX_WORKFLOW_STEPS);
        }
        String workflow = Json.write(r.definition());
        if (workflow.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Limits.MAX_WORKFLOW_BYTES) {
            throw ApiException.badRequest("workflow_too_large", "/definition", "the imported workflow would be larger than "
                    + Limits.MAX_WORKFLOW_BYTES + " bytes");
        }
        Stored<WorkflowVersion> s = workflows.save(req.accountId(), id, workflow);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", s.value().workflowId());
        out.put("version", s.value().version());
        out.put("digest", s.value().digest());
        out.put("created_at", s.value().createdAt());
        out.put("created", s.created());
        out.put("format", r.format().wire());
        ObjectNode mapping = out.putObject("mapping");
        mapping.set("counts", Json.tree(r.report().counts()));
        mapping.set("entries", Json.tree(r.report().entries()));
        out.set("issues", Json.tree(Validators.validate(r.workflow())));
        return Responses.json(s.created() ? 201 : 200, out, Map.of("location", "/workflows/" + id));
    }

    /** The request's fields and options, every problem at once. */
    private static ImportOptions options(String id, JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) problems.add(new Problem("/" + f, 0, 0, "unknown_field", "unknown field '" + f + "' (expected format, definition, options)"));
        }
        if (body.has("format") && !body.get("format").isTextual()) {
            problems.add(new Problem("/format", 0, 0, "invalid_format", "format must be twilio-studio, mautic or klaviyo"));
        }
        if (!body.path("definition").isObject()) {
            problems.add(new Problem("/definition", 0, 0, "missing_definition", "definition must be the exported flow, a JSON object"));
        }
        JsonNode o = body.path("options");
        if (body.has("options") && !o.isObject()) problems.add(new Problem("/options", 0, 0, "invalid_options", "options must be an object"));
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!OPTIONS.contains(f) || !o.get(f).isTextual()) {
                problems.add(new Problem("/options/" + f, 0, 0, "invalid_option", "options are strings: category, prompt, opening_message"));
            }
        }
        String category = o.hasNonNull("category") ? o.get("category").asText() : null;
        if (category != null && !category.equals("marketing") && !category.equals("transactional")) {
            problems.add(new Problem("/options/category", 0, 0, "invalid_option", "category must be marketing or transactional"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid_import_request", "the import request is invalid: " + problems.size()
                    + " problem(s); the first: " + problems.get(0).describe(), problems);
        }
        return new ImportOptions(id, category, o.hasNonNull("prompt") ? o.get("prompt").asText() : null,
                o.hasNonNull("opening_message") ? o.get("opening_message").asText() : null);
    }

    /** A problem in the definition, pointed at from the request body's root. */
    private static Problem inBody(Problem p) {
        String ptr = p.pointer().equals("/format") ? "/format" : "/definition" + p.pointer();
        return new Problem(ptr, 0, 0, p.code(), p.message());
    }
}
