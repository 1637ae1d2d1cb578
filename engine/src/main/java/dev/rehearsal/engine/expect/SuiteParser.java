package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.SchemaChecker;
import dev.rehearsal.engine.stats.Runs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads a suite file, checked against the published suite schema. */
public final class SuiteParser {
    public static final String SCHEMA = "/schemas/suite.schema.json";
    private static final SchemaChecker CHECKER = new SchemaChecker(SCHEMA);
    /**
     * The suite schema's expectation rules on their own, for suites stored through the API: built on first use, since
     * reading a suite file never needs it (a schema compilation on the CLI's start-up path).
     */
    private static final class Expectations {
        static final SchemaChecker CHECKER = expectationsChecker();
    }

    private static SchemaChecker expectationsChecker() {
        var published = SchemaChecker.load(SCHEMA);
        var doc = Json.mapper().createObjectNode();
        doc.put("$schema", published.get("$schema").asText());
        doc.put("type", "array");
        doc.putObject("items").put("$ref", "#/$defs/expectation");
        doc.set("$defs", published.get("$defs"));
        return SchemaChecker.of(doc);
    }

    /** Problems of an expectations array found at {@code pointer}; empty when valid. */
    public static List<Problem> expectationProblems(JsonNode expectations, String pointer) {
        return Expectations.CHECKER.check(expectations, null, pointer).stream().sorted().toList();
    }

    public static List<Expectation> expectations(JsonNode array) {
        List<Expectation> out = new ArrayList<>();
        if (array != null) for (JsonNode e : array) out.add(Json.convert(e, Expectation.class));
        return out;
    }

    private SuiteParser() {
    }

    /** A document is a suite (rather than a bare workflow) when it has "workflow" and no "steps". */
    public static boolean looksLikeSuite(JsonNode root) {
        return root.has("workflow") && !root.has("steps");
    }

    public static Suite parse(String json) {
        try {
            LocatedJson doc = LocatedJson.parse(json);
            return parse(doc.root(), doc);
        } catch (LocatedJson.MalformedJsonException e) {
            throw new InvalidInputException("suite", List.of(new Problem("", e.where().line(), e.where().column(),
                    "malformed_json", "malformed JSON: " + e.getMessage())));
        }
    }

    public static Suite parse(JsonNode root, LocatedJson doc) {
        List<Problem> problems = CHECKER.check(root, doc).stream().sorted().toList();
        if (!problems.isEmpty()) throw new InvalidInputException("suite", problems);
        JsonNode wf = root.get("workflow");
        List<JsonNode> personas = new ArrayList<>();
        if (root.path("personas").isArray()) root.get("personas").forEach(personas::add);
        List<Expectation> expectations = expectations(root.get("expectations"));
        return new Suite(
                root.path("id").asText(null),
                root.get("name").asText(),
                wf.isTextual() ? wf.asText() : null,
                wf.isObject() ? wf : null,
                personas,
                root.has("seed") ? root.get("seed").asLong() : null,
                root.has("start_at") ? LocalDateTime.parse(root.get("start_at").asText()) : null,
                root.has("max_steps") ? root.get("max_steps").asInt() : null,
                expectations,
                root.has("runs") ? Runs.parse(root.get("runs").asText()) : null);
    }
}
