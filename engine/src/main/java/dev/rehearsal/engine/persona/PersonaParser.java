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
    /** Built on first use: reading the built-in personas ({@link #parseTrusted}) does not need it. */
    private static final class Checker {
        static final SchemaChecker INSTANCE = new SchemaChecker(SCHEMA);
    }

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

    /** A persona this code ships or already checked: read as is, without the schema check. */
    public static Persona parseTrusted(byte[] json) {
        try {
            return dev.rehearsal.engine.codec.PersonaCodec.read(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable persona: " + e.getMessage(), e);
        }
    }

    private static final java.util.Set<String> ISO_LANGUAGES = java.util.Set.of(java.util.Locale.getISOLanguages());

    /** What the schema cannot say: a known language, a readable delay. */
    private static List<Problem> behaviorProblems(JsonNode tree, LocatedJson doc) {
        List<Problem> out = new java.util.ArrayList<>();
        JsonNode lang = tree.at("/behavior/language");
        if (lang.isTextual() && lang.asText().matches("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")) {
            String primary = lang.asText().split("-")[0].toLowerCase(java.util.Locale.ROOT);
            if (!ISO_LANGUAGES.contains(primary)) {
                out.add(Problem.at(doc, "/behavior/language", "unknown_language",
                        "unknown language '" + lang.asText() + "' (use a BCP 47 tag such as en, es or es-MX)"));
            }
        }
        JsonNode median = tree.at("/behavior/reply_delay/median");
        if (median.isTextual()) {
            try {
                java.time.Duration d = dev.rehearsal.engine.workflow.Durations.parse(median.asText());
                if (d.isZero()) throw new IllegalArgumentException("a median delay of zero is not a delay");
            } catch (IllegalArgumentException e) {
                out.add(Problem.at(doc, "/behavior/reply_delay/median", "bad_duration", e.getMessage()));
            }
        }
        return out;
    }

    private static Persona parse(JsonNode tree, LocatedJson doc) {
        List<Problem> problems = new java.util.ArrayList<>(Checker.INSTANCE.check(tree, doc));
        for (String where : List.of("/contact/timezone", "/demographics/timezone")) {
            JsonNode tz = tree.at(where);
            if (!tz.isTextual()) continue;
            try {
                java.time.ZoneId.of(tz.asText());
            } catch (RuntimeException e) {
                problems.add(Problem.at(doc, where, "bad_timezone",
                        "unknown time zone '" + tz.asText() + "' (use an IANA name such as America/Chicago)"));
            }
        }
        problems.addAll(behaviorProblems(tree, doc));
        problems.sort(null);
        if (!problems.isEmpty()) throw new InvalidInputException("persona", problems);
        return Json.convert(tree, Persona.class);
    }
}
