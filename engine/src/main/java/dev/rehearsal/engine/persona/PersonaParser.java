package dev.rehearsal.engine.persona;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.SchemaChecker;

import java.util.List;

/** Reads persona JSON, checked against the published persona schema. */
public final class PersonaParser {
    public static final String SCHEMA = "/schemas/persona.schema.json";
    private static final SchemaChecker CHECKER = new SchemaChecker(SCHEMA);

    private PersonaParser() {
    }

    public static Persona parse(String json) {
        LocatedJson doc;
        try {
            doc = LocatedJson.parse(json);
        } catch (LocatedJson.MalformedJsonException e) {
            throw new InvalidInputException("persona", List.of(new Problem("", e.where().line(), e.where().column(),
                    "malformed_json", "malformed JSON: " + e.getMessage())));
        }
        return parse(doc.root(), doc);
    }

    public static Persona parse(JsonNode tree) {
        return parse(tree, null);
    }

    private static Persona parse(JsonNode tree, LocatedJson doc) {
        List<Problem> problems = CHECKER.check(tree, doc).stream().sorted().toList();
        if (!problems.isEmpty()) throw new InvalidInputException("persona", problems);
        return Json.convert(tree, Persona.class);
    }
}
