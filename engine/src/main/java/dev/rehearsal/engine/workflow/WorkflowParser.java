package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.ElementPipeline;
import dev.rehearsal.engine.json.HalvedArrayRead;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.StreamedObject;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns workflow JSON into a {@link Workflow}, or reports every problem at once: malformed JSON,
 * schema violations, unknown step types, duplicate ids, dangling transitions, bad durations.
 * Nothing runs on an invalid definition.
 */
public final class WorkflowParser {
    public static final String SCHEMA = "/schemas/workflow.schema.json";
    /** Built on first use: {@link #parseStored} never needs the schema machinery (a Lambda's first event). */
    private static final class Checker {
        static final WorkflowSchemaCheck INSTANCE = new WorkflowSchemaCheck(SCHEMA);
    }
    private static final String STEP_TYPES = Arrays.stream(StepType.values()).map(StepType::wireName)
            .collect(Collectors.joining(", "));

    /** The outcome: a workflow or the list of problems (sorted by position). */
    public record Result(Workflow workflow, List<Problem> problems) {
        public boolean ok() {
            return workflow != null;
        }

        public Workflow orThrow() {
            if (workflow == null) throw new InvalidInputException("workflow", problems);
            return workflow;
        }
    }

    private WorkflowParser() {
    }

    /**
     * Compiles the schema checker, and a checker for each step type, now rather than on the first parse: a command line
     * can do it on a second core while its main thread is still reading the arguments. Safe from any thread (a class
     * initialiser and a concurrent map's computeIfAbsent); nothing is validated here, so each checker's lazy parts still
     * start on the thread that uses it.
     */
    public static void preloadSchema() {
        Checker.INSTANCE.compileTypes();
    }

    public static Workflow parseOrThrow(String json) {
        return parse(json).orThrow();
    }

    /**
     * Parses without tracking positions first (most documents are valid, and a position for every
     * value costs as much as the rest of parsing); only when there are problems is the text read
     * again to give each one its line and column. The first read streams the steps ({@link #parseValid}).
     */
    public static Result parse(String json) {
        Workflow fast = parseValid(json);
        if (fast != null) return new Result(fast, List.of());
        LocatedJson doc;
        try {
            doc = LocatedJson.parse(json);
        } catch (LocatedJson.MalformedJsonException e) {
            return new Result(null, List.of(new Problem("", e.where().line(), e.where().column(),
                    "malformed_json", "malformed JSON: " + e.getMessage())));
        }
        return parse(doc);
    }

    /**
     * The workflow when {@code json} is a valid definition, else null (with no reason: {@link #parse} then reads
     * it again with positions). Streams the steps: each is read as a small tree, schema-checked against its
     * type's rules, checked for a duplicate id and bad durations, and turned into a {@link Step} that keeps only
     * its config, so the whole document's tree never exists (a 100k-step workflow: docs/PERFORMANCE.md, "Big
     * workflows"). The same checks as {@link #parse(JsonNode)}, in another order.
     */
    public static Workflow parseValid(String json) {
        // A big document is read in two halves, one per thread (HalvedArrayRead); one that offers no place to split
        // has its steps checked and built on a second thread while this one reads on (ElementPipeline). Each thread
        // checks with its own schema checker: the shared one, and a sibling of it for the other thread.
        java.util.concurrent.atomic.AtomicBoolean shared = new java.util.concurrent.atomic.AtomicBoolean(true);
        Supplier<Function<JsonNode, Step>> perThread = () -> {
            WorkflowSchemaCheck schema = shared.getAndSet(false) ? Checker.INSTANCE : Checker.INSTANCE.sibling();
            return s -> checkedStep(schema, s);
        };
        int split = json.length() >= BACKGROUND_FROM_CHARS ? HalvedArrayRead.splitPoint(json) : -1;
        try (ElementPipeline<Step> steps = new ElementPipeline<>(split < 0 && json.length() >= BACKGROUND_FROM_CHARS, perThread)) {
            List<Step> built;
            ObjectNode fields;
            Map<String, Integer> ids;
            if (split >= 0) {
                // A big document: each thread reads, checks and builds half of the steps.
                HalvedArrayRead.Result<Step> read = HalvedArrayRead.read(json, "steps", split, perThread);
                if (read == null) return null;
                built = read.elements();
                fields = read.fields();
                ids = new HashMap<>(built.size() * 4 / 3 + 1); // sized once: no rehashing of 100k entries as it grows
                for (int i = 0; i < built.size(); i++) if (ids.putIfAbsent(built.get(i).id(), i) != null) return null;
            } else {
                Map<String, Integer> streamed = new HashMap<>();
                ids = streamed;
                StreamedObject.Rest rest = StreamedObject.read(json, "steps",
                        (i, s) -> streamed.putIfAbsent(s.get("id").asText(), i) == null && steps.accept(s));
                if (rest == null || rest.elements() < 0) return null;
                built = steps.results();
                if (built == null) return null;
                fields = rest.fields();
            }
            // The envelope's schema sees a stand-in for the steps (each was checked above): empty or not.
            ArrayNode standIn = fields.arrayNode();
            if (!built.isEmpty()) standIn.addObject();
            ObjectNode envelope = fields.deepCopy().set("steps", standIn);
            if (!Checker.INSTANCE.envelopeValid(envelope) || !ids.containsKey(fields.path("start").asText())) return null;
            StepEdges edges = StepEdges.of(built, ids);
            if (edges.dangling()) return null;
            if (!timezoneValid(fields.path("settings").path("timezone"))) return null;
            // ids is the workflow's own index (every id distinct, positions in order) and edges were resolved through
            // it for the dangling check: both kept rather than built again.
            return new Workflow(text(fields, "id"), text(fields, "name"), text(fields, "start"),
                    settings(fields.path("settings")), built, fields, ids, edges);
        } catch (RuntimeException e) {
            return null; // not the shape the schema promises after all: the located parse says what is wrong
        }
    }

    /** From this size, {@link #parseValid} checks and builds steps on a second thread (~2,000 steps). */
    static final int BACKGROUND_FROM_CHARS = 256 * 1024;

    /** One streamed step, schema-checked against its type's rules and with valid durations, as the model keeps it; else null. */
    private static Step checkedStep(WorkflowSchemaCheck schema, JsonNode s) {
        if (!schema.stepValid(s)) return null;
        for (String f : List.of("duration", "timeout")) {
            JsonNode d = s.path("config").path(f);
            if (d.isTextual()) Durations.parse(d.asText()); // a bad one throws: the step is refused
        }
        return step(s);
    }

    private static boolean timezoneValid(JsonNode tz) {
        if (!tz.isTextual()) return true;
        try {
            ZoneId.of(tz.asText());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A definition the store accepted after {@link #parse} checked it (a run's workflow version): the JSON
     * Schema check is skipped, which keeps the schema machinery out of a Lambda's first event
     * (docs/PERFORMANCE.md, "Lambda cold start"). The semantic checks still run, and anything they or the
     * model builder reject falls back to the full parse, so a damaged definition is still reported in full.
     */
    public static Result parseStored(String json) {
        JsonNode tree = LocatedJson.parseFast(json);
        if (tree != null && tree.isObject() && tree.path("steps").isArray()) {
            List<Problem> problems = new ArrayList<>();
            semanticChecks(null, tree, problems);
            if (problems.isEmpty()) {
                try {
                    return new Result(build(tree), List.of());
                } catch (RuntimeException e) {
                    // not the shape the schema promises: let the full parse say what is wrong
                }
            }
        }
        return parse(json);
    }

    /** Parses a tree that came without source text (e.g. from an API body already read). */
    public static Result parse(JsonNode tree) {
        return parse(null, tree);
    }

    public static Result parse(LocatedJson doc) {
        return parse(doc, doc.root());
    }

    private static Result parse(LocatedJson doc, JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        for (Problem p : Checker.INSTANCE.check(root, doc)) problems.add(refine(p, root));
        if (root.isObject()) semanticChecks(doc, root, problems);
        if (!problems.isEmpty()) {
            return new Result(null, new ArrayList<>(new LinkedHashSet<>(problems.stream().sorted().toList())));
        }
        return new Result(build(root), List.of());
    }

    /** Replace the validator's enum wording for step types with one that names the bad value. */
    private static Problem refine(Problem p, JsonNode root) {
        if (p.pointer().matches("/steps/\\d+/type") && p.code().equals("schema.enum")) {
            String bad = root.at(p.pointer()).asText();
            return new Problem(p.pointer(), p.line(), p.column(), "unknown_step_type",
                    "unknown step type '" + bad + "' (expected one of: " + STEP_TYPES + ")");
        }
        return p;
    }

    private static void semanticChecks(LocatedJson doc, JsonNode root, List<Problem> problems) {
        JsonNode steps = root.path("steps");
        Map<String, Integer> firstIndex = new HashMap<>();
        if (steps.isArray()) {
            for (int i = 0; i < steps.size(); i++) {
                JsonNode id = steps.get(i).path("id");
                if (!id.isTextual()) continue;
                Integer prev = firstIndex.putIfAbsent(id.asText(), i);
                if (prev != null) {
                    problems.add(Problem.at(doc, "/steps/" + i + "/id", "duplicate_step_id",
                            "duplicate step id '" + id.asText() + "' (first used by /steps/" + prev + ")"));
                }
            }
        }
        JsonNode start = root.path("start");
        if (start.isTextual() && steps.isArray() && !firstIndex.containsKey(start.asText())) {
            problems.add(Problem.at(doc, "/start", "dangling_transition",
                    "start step '" + start.asText() + "' does not exist"));
        }
        if (!steps.isArray()) return;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            String base = "/steps/" + i;
            for (String f : List.of("next", "on_reply", "on_timeout", "default", "on_failure")) {
                checkTarget(doc, s.path(f), base + "/" + f, firstIndex, problems);
            }
            JsonNode branches = s.path("branches");
            for (int b = 0; b < branches.size(); b++) {
                checkTarget(doc, branches.get(b).path("next"), base + "/branches/" + b + "/next", firstIndex, problems);
            }
            for (String f : List.of("duration", "timeout")) {
                JsonNode d = s.path("config").path(f);
                if (d.isTextual()) {
                    try {
                        Durations.parse(d.asText());
                    } catch (IllegalArgumentException e) {
                        problems.add(Problem.at(doc, base + "/config/" + f, "bad_duration", e.getMessage()));
                    }
                }
            }
        }
        JsonNode tz = root.path("settings").path("timezone");
        if (!timezoneValid(tz)) {
            problems.add(Problem.at(doc, "/settings/timezone", "bad_timezone",
                    "unknown time zone '" + tz.asText() + "' (use an IANA name such as America/Chicago)"));
        }
    }

    private static void checkTarget(LocatedJson doc, JsonNode target, String pointer, Map<String, Integer> ids,
                                    List<Problem> problems) {
        if (target.isTextual() && !ids.containsKey(target.asText())) {
            problems.add(Problem.at(doc, pointer, "dangling_transition",
                    "transition to step '" + target.asText() + "', which does not exist"));
        }
    }

    private static Workflow build(JsonNode root) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : root.get("steps")) steps.add(step(s));
        return new Workflow(text(root, "id"), text(root, "name"), text(root, "start"), settings(root.path("settings")),
                steps, withoutSteps(root));
    }

    private static Step step(JsonNode s) {
        List<Branch> branches = new ArrayList<>();
        for (JsonNode b : s.path("branches")) {
            branches.add(new Branch(text(b, "label"), Condition.from(b.get("when")), text(b, "next")));
        }
        return new Step(text(s, "id"), StepType.fromWire(text(s, "type")).orElseThrow(), text(s, "name"),
                s.get("config"), text(s, "next"), text(s, "on_reply"), text(s, "on_timeout"), branches,
                text(s, "default"), text(s, "on_failure"));
    }

    /**
     * The document as {@link Workflow#source()} keeps it: every top-level field but the steps, which live on
     * in the model (each step keeps its config). The rest of a big workflow's tree can then be collected while
     * it is validated and simulated.
     */
    private static JsonNode withoutSteps(JsonNode root) {
        ObjectNode slim = JsonNodeFactory.instance.objectNode();
        root.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("steps")) slim.set(e.getKey(), e.getValue());
        });
        return slim;
    }

    private static WorkflowSettings settings(JsonNode s) {
        WorkflowSettings d = WorkflowSettings.defaults();
        JsonNode q = s.path("quiet_hours");
        return new WorkflowSettings(
                !"transactional".equals(s.path("category").asText("marketing")),
                s.path("timezone").asText(d.timezone()),
                q.has("start") ? LocalTime.parse(q.get("start").asText()) : d.quietStart(),
                q.has("end") ? LocalTime.parse(q.get("end").asText()) : d.quietEnd(),
                s.path("max_messages_per_24h").asInt(d.maxMessagesPer24h()),
                s.path("max_steps").asInt(d.maxSteps()),
                s.hasNonNull("sender_name") ? s.get("sender_name").asText() : null,
                s.hasNonNull("postal_address") ? s.get("postal_address").asText() : null,
                s.hasNonNull("vertical") ? s.get("vertical").asText() : null,
                s.hasNonNull("reply_classifier") ? s.get("reply_classifier").asText() : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
