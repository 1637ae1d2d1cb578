package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.QuickSchema;
import dev.rehearsal.engine.json.SchemaChecker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a workflow against the published schema, fast enough for 100k-step workflows.
 *
 * <p>The published schema picks each step's rules with an {@code allOf} of ten {@code if/then}
 * pairs on {@code type}, which a generic validator evaluates ten times per step. This class derives,
 * from that same file at start-up, one schema for the envelope and one per step type (the base step
 * plus the {@code then} parts whose {@code if} names that type), then checks each step with the one
 * its type selects. The rules stay in the schema file; only the dispatch moves to code.
 */
final class WorkflowSchemaCheck {
    private final SchemaChecker envelope;
    private final Typed unknownType;
    private final JsonNode published;
    private final ObjectNode base;
    /** Built on first use: a workflow uses a few of the step types, and each checker costs a schema compilation. */
    private final Map<String, Typed> byType = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One step type's rules, twice: as the JSON Schema checker reads them (every message a user sees) and as a
     * {@link QuickSchema} (a streamed step's yes or no, when it can tell; null if the rules use a keyword it cannot read).
     */
    private record Typed(SchemaChecker full, QuickSchema quick) {
        static Typed of(ObjectNode schema) {
            return new Typed(SchemaChecker.of(schema), QuickSchema.compile(schema));
        }

        QuickSchema.Verdict quickly(JsonNode step) {
            return quick == null ? QuickSchema.Verdict.UNKNOWN : quick.test(step);
        }
    }

    WorkflowSchemaCheck(String resource) {
        published = SchemaChecker.load(resource);
        ObjectNode env = published.deepCopy();
        ((ObjectNode) env.get("properties").get("steps")).set("items", env.objectNode().put("type", "object"));
        envelope = SchemaChecker.of(env);
        base = published.get("$defs").get("step").deepCopy();
        base.remove("allOf");
        unknownType = Typed.of(rooted(published, base));
    }

    /** The base step plus the {@code then} parts whose {@code if} names this type. */
    private Typed typed(StepType t) {
        ArrayNode parts = base.arrayNode();
        parts.add(base);
        for (JsonNode rule : published.get("$defs").get("step").get("allOf")) {
            if (selects(rule.path("if").path("properties").path("type"), t.wireName())) parts.add(rule.get("then"));
        }
        ObjectNode typed = base.objectNode();
        typed.set("allOf", parts);
        return Typed.of(rooted(published, typed));
    }

    private static boolean selects(JsonNode typeTest, String type) {
        if (typeTest.has("const")) return typeTest.get("const").asText().equals(type);
        for (JsonNode e : typeTest.path("enum")) if (e.asText().equals(type)) return true;
        return false;
    }

    /** The derived root schema, keeping the published $defs so its $refs still resolve. */
    private static ObjectNode rooted(JsonNode published, ObjectNode root) {
        ObjectNode doc = root.deepCopy();
        doc.put("$schema", published.get("$schema").asText());
        doc.set("$defs", published.get("$defs").deepCopy());
        return doc;
    }

    /**
     * The envelope alone: everything but the steps, which {@code root} must carry as a stand-in array of the
     * real one's length class (empty or not) since {@link #stepValid} checks each step on its own.
     */
    boolean envelopeValid(JsonNode root) {
        return envelope.check(root, null).isEmpty();
    }

    /**
     * One step on its own tree, as {@link #check} checks it inside the document: the quick reading's yes or no when it
     * has one, else the checker's (docs/PERFORMANCE.md, "Fifth round").
     */
    boolean stepValid(JsonNode step) {
        if (!step.isObject()) return false;
        Typed t = checker(step);
        QuickSchema.Verdict v = t.quickly(step);
        return v == QuickSchema.Verdict.VALID || v == QuickSchema.Verdict.UNKNOWN && t.full().check(step, null).isEmpty();
    }

    /** The quick reading alone, and the checker's alone: the test that holds the first to the second. */
    QuickSchema.Verdict quickVerdict(JsonNode step) {
        return checker(step).quickly(step);
    }

    boolean checkerValid(JsonNode step) {
        return checker(step).full().check(step, null).isEmpty();
    }

    /** Every step type's checker, compiled ahead of the first step of that type ({@link WorkflowParser#preloadSchema}). */
    void compileTypes() {
        for (StepType t : StepType.values()) byType.computeIfAbsent(t.wireName(), k -> typed(t));
    }

    private Typed checker(JsonNode step) {
        return StepType.fromWire(step.path("type").asText())
                .map(t -> byType.computeIfAbsent(t.wireName(), k -> typed(t))).orElse(unknownType);
    }

    List<Problem> check(JsonNode root, LocatedJson doc) {
        List<Problem> out = new ArrayList<>(envelope.check(root, doc));
        JsonNode steps = root.path("steps");
        if (!steps.isArray()) return out;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            if (!s.isObject()) continue; // the envelope already reported it
            out.addAll(checker(s).full().check(s, doc, "/steps/" + i));
        }
        return out;
    }
}
