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
    private final ObjectNode envelopeSchema;
    private SchemaChecker envelope;
    private final Typed unknownType;
    private final JsonNode published;
    private final ObjectNode base;
    /** Built on first use: a workflow uses a few of the step types, and each checker costs a schema compilation. */
    private final Map<String, Typed> byType = new java.util.concurrent.ConcurrentHashMap<>();
    /** For a {@link #sibling}: the checker whose quick readings it shares; null for an original. */
    private final WorkflowSchemaCheck shared;

    /**
     * One step type's rules, twice: as the JSON Schema checker reads them (every message a user sees) and as a
     * {@link QuickSchema} (a streamed step's yes or no, when it can tell; null if the rules use a keyword it cannot read).
     * An original compiles both at once; a sibling's copy shares the quick reading (immutable once compiled) and
     * compiles its own checker when a step first needs it, on the one thread that uses it.
     */
    private static final class Typed {
        private final ObjectNode schema;
        private final QuickSchema quick;
        private SchemaChecker full;

        private Typed(ObjectNode schema, QuickSchema quick, SchemaChecker full) {
            this.schema = schema;
            this.quick = quick;
            this.full = full;
        }

        static Typed of(ObjectNode schema) {
            return new Typed(schema, QuickSchema.compile(schema), SchemaChecker.of(schema));
        }

        Typed sibling() {
            return new Typed(schema, quick, null);
        }

        SchemaChecker full() {
            if (full == null) full = SchemaChecker.of(schema);
            return full;
        }

        QuickSchema.Verdict quickly(JsonNode step) {
            return quick == null ? QuickSchema.Verdict.UNKNOWN : quick.test(step);
        }
    }

    WorkflowSchemaCheck(String resource) {
        published = SchemaChecker.load(resource);
        envelopeSchema = published.deepCopy();
        ((ObjectNode) envelopeSchema.get("properties").get("steps")).set("items", envelopeSchema.objectNode().put("type", "object"));
        envelope = SchemaChecker.of(envelopeSchema);
        base = published.get("$defs").get("step").deepCopy();
        base.remove("allOf");
        unknownType = Typed.of(rooted(published, base));
        shared = null;
    }

    private WorkflowSchemaCheck(WorkflowSchemaCheck shared) {
        this.shared = shared;
        published = shared.published;
        envelopeSchema = shared.envelopeSchema;
        base = shared.base;
        unknownType = shared.unknownType.sibling();
    }

    /**
     * A checker for another thread, ready at once: it shares this one's quick readings (each step type's compiled on
     * first use, as here) and compiles JSON Schema checkers of its own only for a step the quick reading cannot
     * decide. A big workflow's second reading thread then starts without compiling schemas: ~40 ms it used to spend
     * before its first step (docs/PERFORMANCE.md, "Sixth round").
     */
    WorkflowSchemaCheck sibling() {
        return new WorkflowSchemaCheck(this);
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
        return envelope().check(root, null).isEmpty();
    }

    /** An original's is compiled with it; a sibling compiles its own only if asked. */
    private SchemaChecker envelope() {
        if (envelope == null) envelope = SchemaChecker.of(envelopeSchema);
        return envelope;
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
        for (StepType t : StepType.values()) typedOf(t);
    }

    private Typed checker(JsonNode step) {
        return StepType.fromWire(step.path("type").asText()).map(this::typedOf).orElse(unknownType);
    }

    /** An original compiles the type's rules; a sibling takes the original's and shares their quick reading. */
    private Typed typedOf(StepType t) {
        return byType.computeIfAbsent(t.wireName(), k -> shared == null ? typed(t) : shared.typedOf(t).sibling());
    }

    List<Problem> check(JsonNode root, LocatedJson doc) {
        List<Problem> out = new ArrayList<>(envelope().check(root, doc));
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
