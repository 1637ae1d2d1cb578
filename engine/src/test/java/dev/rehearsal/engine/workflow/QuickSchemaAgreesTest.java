package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.QuickSchema;
import dev.rehearsal.engine.json.QuickSchema.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick reading of a step's schema never contradicts the JSON Schema checker: where it says valid the checker does,
 * where it says invalid the checker does too (it may only say it cannot tell). Held against every step of the example
 * and owner workflows, one step of each type, and tens of thousands of mutants of them: fields dropped, replaced by
 * values of every JSON kind and edge (empty, 1,601 characters, emoji, 2.0, -1), unknown fields added, types swapped.
 */
class QuickSchemaAgreesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final WorkflowSchemaCheck CHECK = new WorkflowSchemaCheck(WorkflowParser.SCHEMA);

    private static final String[] ONE_OF_EACH = {
            "{\"id\":\"s\",\"type\":\"send_sms\",\"name\":\"Hi\",\"config\":{\"body\":\"Hi {{contact.first_name}}\",\"transactional\":true},\"next\":\"w\"}",
            "{\"id\":\"e\",\"type\":\"send_email\",\"config\":{\"subject\":\"Hello\",\"body\":\"Body\",\"from\":\"a@b.c\"},\"next\":\"w\"}",
            "{\"id\":\"d\",\"type\":\"delay\",\"config\":{\"until\":\"09:30\",\"window\":{\"start\":\"09:00\",\"end\":\"17:00\",\"days\":[\"mon\",\"tue\"]}},\"next\":\"w\"}",
            "{\"id\":\"d2\",\"type\":\"delay\",\"config\":{\"duration\":\"2 days\"},\"next\":\"w\"}",
            "{\"id\":\"w\",\"type\":\"wait_for_reply\",\"config\":{\"timeout\":\"P2D\",\"channel\":\"sms\",\"for\":\"reply\",\"save_reply_to\":\"last_reply\"},\"on_reply\":\"c\",\"on_timeout\":\"e\"}",
            "{\"id\":\"c\",\"type\":\"condition\",\"branches\":[{\"label\":\"hot\",\"when\":{\"reply_intent\":[\"interested\",\"ready_to_buy\"]},\"next\":\"s\"},"
                    + "{\"when\":{\"opted_out\":\"sms\"},\"next\":\"e\"},{\"when\":{\"replied\":false},\"next\":\"e\"},"
                    + "{\"when\":{\"reply_contains\":[\"price\"]},\"next\":\"e\"}],\"default\":\"e\"}",
            "{\"id\":\"t\",\"type\":\"add_tag\",\"config\":{\"tag\":\"hot\"},\"next\":\"s\"}",
            "{\"id\":\"r\",\"type\":\"remove_tag\",\"config\":{\"tag\":\"cold\"},\"next\":\"s\"}",
            "{\"id\":\"u\",\"type\":\"update_contact\",\"config\":{\"fields\":{\"stage\":\"lead\",\"score\":3,\"vip\":true,\"note\":null}},\"next\":\"s\"}",
            "{\"id\":\"n\",\"type\":\"notify_team\",\"config\":{\"message\":\"Call them\",\"channel\":\"slack\"},\"next\":\"s\"}",
            "{\"id\":\"g\",\"type\":\"goal\",\"config\":{\"goal\":\"booked\"},\"next\":\"s\"}",
            "{\"id\":\"x\",\"type\":\"external_call\",\"config\":{\"kind\":\"webhook\",\"url\":\"https://x.example\",\"method\":\"POST\",\"success_rate\":1},\"next\":\"s\",\"on_failure\":\"e\"}",
            "{\"id\":\"p\",\"type\":\"placeholder\",\"config\":{\"source_type\":\"zapier\",\"reason\":\"unknown action\"},\"next\":\"s\"}",
            "{\"id\":\"end\",\"type\":\"end\"}",
    };

    private static final JsonNode[] VALUES = {
            F.nullNode(), F.booleanNode(true), F.booleanNode(false), F.numberNode(0), F.numberNode(-1), F.numberNode(1),
            F.numberNode(2.0), F.numberNode(0.5), F.numberNode(100_000L), F.textNode(""), F.textNode("x"), F.textNode("sms"),
            F.textNode("interested"), F.textNode("9:30"), F.textNode("09:30"), F.textNode("2d"), F.textNode("Bad Id!"),
            F.textNode("x".repeat(1601)), F.textNode("x".repeat(101)), F.textNode("😀 emoji"), F.textNode("😀".repeat(801)),
            F.arrayNode(), F.arrayNode().add("a"), F.arrayNode().add("a").add("a"), F.arrayNode().add(1), F.objectNode(),
            F.objectNode().put("x", 1), F.objectNode().put("reply_intent", "interested"),
    };

    static List<JsonNode> corpus() throws Exception {
        List<JsonNode> steps = new ArrayList<>();
        for (String s : ONE_OF_EACH) steps.add(Json.mapper().readTree(s));
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        try (Stream<Path> files = Stream.concat(Files.list(root.resolve("examples")),
                Files.list(root.resolve("engine/src/test/resources/owners")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".workflow.json")).sorted().toList()) {
                Json.mapper().readTree(Files.readString(f)).path("steps").forEach(steps::add);
            }
        }
        return steps;
    }

    @Test
    void theQuickReadingAnswersForTheStepsOfRealWorkflows() throws Exception {
        int answered = 0, all = 0;
        for (JsonNode step : corpus()) {
            all++;
            assertTrue(CHECK.checkerValid(step), "a valid step: " + step);
            Verdict v = CHECK.quickVerdict(step);
            if (v != Verdict.UNKNOWN) answered++;
            assertTrue(v != Verdict.INVALID, step.toString());
        }
        // Only the external call's fractional success rate is the checker's to read.
        assertTrue(answered >= all - 1, answered + " of " + all + " answered quickly");
    }

    @Test
    void itNeverContradictsTheCheckerOnMutants() throws Exception {
        Random random = new Random(7);
        int[] counts = new int[3];
        // A second thread's checker, sharing the quick readings of an original that has compiled nothing yet.
        WorkflowSchemaCheck sibling = new WorkflowSchemaCheck(WorkflowParser.SCHEMA).sibling();
        for (JsonNode step : corpus()) {
            for (JsonNode m : mutants((ObjectNode) step, random)) {
                Verdict q = CHECK.quickVerdict(m);
                boolean valid = CHECK.checkerValid(m);
                assertEquals(CHECK.stepValid(m), sibling.stepValid(m), () -> "the sibling's answer differs: " + m);
                counts[q.ordinal()]++;
                if (q == Verdict.VALID) assertTrue(valid, "quick says valid, the checker does not: " + m);
                if (q == Verdict.INVALID) assertTrue(!valid, "quick says invalid, the checker does not: " + m);
            }
        }
        // The mutants exercise both answers, and the quick reading declines only a few.
        assertTrue(counts[Verdict.VALID.ordinal()] > 1_000 && counts[Verdict.INVALID.ordinal()] > 10_000,
                java.util.Arrays.toString(counts));
        assertTrue(counts[Verdict.UNKNOWN.ordinal()] * 10 < counts[0] + counts[1], java.util.Arrays.toString(counts));
    }

    /** Every single-node replacement, removal and addition, then random combinations of two or three. */
    private static List<JsonNode> mutants(ObjectNode step, Random random) {
        List<JsonNode> out = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        collect(step, "", 0, paths);
        for (String p : paths) {
            for (JsonNode v : VALUES) out.add(replaced(step, p, v));
            out.add(removed(step, p));
        }
        for (StepType t : StepType.values()) out.add(step.deepCopy().put("type", t.wireName()));
        out.add(step.deepCopy().put("type", "teleport"));
        out.add(step.deepCopy().put("unexpected", "x"));
        if (step.path("config").isObject()) out.add(replaced(step, "/config/unexpected", F.textNode("x")));
        for (int i = 0; i < 60; i++) {
            JsonNode m = step;
            for (int k = 0; k < 2 + random.nextInt(2); k++) {
                String p = paths.get(random.nextInt(paths.size()));
                m = random.nextInt(4) == 0 ? removed(m, p) : replaced(m, p, VALUES[random.nextInt(VALUES.length)]);
            }
            out.add(m);
        }
        return out;
    }

    private static void collect(JsonNode n, String at, int depth, List<String> out) {
        if (depth > 0) out.add(at);
        if (depth > 4) return;
        if (n.isObject()) n.fieldNames().forEachRemaining(f -> collect(n.get(f), at + "/" + f, depth + 1, out));
        if (n.isArray()) for (int i = 0; i < n.size(); i++) collect(n.get(i), at + "/" + i, depth + 1, out);
    }

    private static JsonNode replaced(JsonNode step, String pointer, JsonNode value) {
        JsonNode copy = step.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode o) o.set(key, value.deepCopy());
        else if (parent instanceof ArrayNode a && index(key) < a.size()) a.set(index(key), value.deepCopy());
        return copy;
    }

    private static JsonNode removed(JsonNode step, String pointer) {
        JsonNode copy = step.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode o) o.remove(key);
        else if (parent instanceof ArrayNode a && index(key) < a.size()) a.remove(index(key));
        return copy;
    }

    /** An array index, or past any array when an earlier mutation put an array where an object was. */
    private static int index(String key) {
        return key.matches("\\d{1,6}") ? Integer.parseInt(key) : Integer.MAX_VALUE;
    }

    @Test
    void aSchemaWithAKeywordItCannotReadDoesNotCompile() throws Exception {
        assertNull(QuickSchema.compile(Json.mapper().readTree("{\"type\":\"string\",\"format\":\"email\"}")));
        assertNull(QuickSchema.compile(Json.mapper().readTree("{\"patternProperties\":{\"^x\":{\"type\":\"string\"}}}")));
        assertNull(QuickSchema.compile(Json.mapper().readTree("{\"$ref\":\"https://example.com/other.json\"}")));
        QuickSchema s = QuickSchema.compile(Json.mapper().readTree("{\"not\":{\"type\":\"integer\"}}"));
        assertNotNull(s);
        assertEquals(Verdict.UNKNOWN, s.test(F.numberNode(2.0)), "2.0 under not: the checker's to read");
        assertEquals(Verdict.INVALID, s.test(F.numberNode(2)));
        assertEquals(Verdict.VALID, s.test(F.textNode("2")));
    }
}
