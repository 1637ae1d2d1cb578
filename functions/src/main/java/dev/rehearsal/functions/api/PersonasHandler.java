package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.codec.PersonaCodec;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.persona.PersonaParser;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Limits;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.PersonaRepository;
import dev.rehearsal.store.Stored;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET/POST /personas}, {@code GET/PUT/DELETE /personas/{id}}. Built-in personas are
 * listed for every account and read-only: PUT or DELETE of one is 403 {@code built_in_persona};
 * POST with a built-in's id is 409 {@code persona_exists} (the id is taken).
 */
public class PersonasHandler extends ApiHandlerBase {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final PersonaRepository personas;

    public PersonasHandler() {
        this(Services.fromEnvironment());
    }

    public PersonasHandler(Services services) {
        this.personas = services.store().personas();
    }

    @Override
    protected Router routes(Router r) {
        return r.route("GET", "/personas", this::list)
                .route("POST", "/personas", this::create)
                .route("GET", "/personas/{id}", this::get)
                .route("PUT", "/personas/{id}", this::put)
                .route("DELETE", "/personas/{id}", this::delete);
    }

    APIGatewayV2HTTPResponse list(ApiRequest req) {
        Page<Persona> page = personas.list(req.accountId(), req.limit(25, 100), req.query("next"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("items", Json.tree(page.items()));
        out.put("next", page.nextToken());
        return Responses.json(200, out);
    }

    APIGatewayV2HTTPResponse create(ApiRequest req) {
        Persona p = parse(req);
        if (p.id() == null) p = p.withId(newId(p.name()), false);
        if (PersonaCatalog.isBuiltIn(p.id())) {
            throw new ApiException(409, "persona_exists", "persona '" + p.id() + "' is a built-in persona; choose another id");
        }
        try {
            personas.create(req.accountId(), p);
        } catch (ConflictException e) {
            throw new ApiException(409, "persona_exists", "persona '" + p.id() + "' already exists; PUT /personas/"
                    + p.id() + " replaces it");
        }
        return Responses.json(201, withWarnings(p), Map.of("location", "/personas/" + p.id()));
    }

    APIGatewayV2HTTPResponse get(ApiRequest req) {
        String id = req.pathId("id", PERSONA_ID, "persona");
        Persona p = personas.get(req.accountId(), id).orElseThrow(() -> ApiException.notFound("persona", id));
        return Responses.jsonText(200, PersonaCodec.write(p));
    }

    APIGatewayV2HTTPResponse put(ApiRequest req) {
        String id = req.pathId("id", PERSONA_ID, "persona");
        if (PersonaCatalog.isBuiltIn(id)) throw new PersonaRepository.BuiltInPersonaException(id);
        Persona p = parse(req);
        if (p.id() != null && !p.id().equals(id)) {
            throw ApiException.badRequest("id_mismatch", "/id", "body id '" + p.id() + "' differs from the path id '"
                    + id + "'");
        }
        Stored<Persona> s = personas.put(req.accountId(), p.withId(id, false));
        return Responses.json(s.created() ? 201 : 200, withWarnings(s.value()));
    }

    APIGatewayV2HTTPResponse delete(ApiRequest req) {
        String id = req.pathId("id", PERSONA_ID, "persona");
        if (!personas.delete(req.accountId(), id)) throw ApiException.notFound("persona", id);
        return Responses.noContent();
    }

    /** The stored persona, plus {@code warnings} (unknown traits, a language only LLMs write) when there are any. */
    static Object withWarnings(Persona p) {
        var warnings = dev.rehearsal.engine.persona.Traits.warnings(p);
        if (warnings.isEmpty()) return p;
        ObjectNode body = (ObjectNode) Json.tree(p);
        body.set("warnings", Json.tree(warnings));
        return body;
    }

    private static Persona parse(ApiRequest req) {
        String text = req.body(Limits.MAX_PERSONA_BYTES);
        JsonNode tree = text.isBlank() ? null : ApiRequest.parseJson(text);
        if (tree == null) throw ApiException.badRequest("missing_body", "", "a persona JSON object is required");
        if (!tree.isObject()) throw ApiException.badRequest("invalid_body", "", "the body must be a JSON object");
        if (tree.path("built_in").asBoolean(false)) {
            throw ApiException.badRequest("read_only_field", "/built_in", "built_in is set by Rehearsal, not by clients");
        }
        try {
            return PersonaParser.parse(text);
        } catch (InvalidInputException e) {
            throw new ApiException(400, "invalid_persona", "the persona is invalid: " + e.problems().size()
                    + " problem(s); the first: " + e.problems().get(0).describe(), e.problems());
        }
    }

    private static String newId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-+$", "");
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        String suffix = HexFormat.of().formatHex(b);
        return slug.isEmpty() ? "p-" + suffix : slug + "-" + suffix;
    }
}
