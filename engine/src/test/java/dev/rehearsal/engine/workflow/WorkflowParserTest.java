package dev.rehearsal.engine.workflow;

import dev.rehearsal.engine.json.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WorkflowParserTest {

    private static final String VALID = """
            {
              "id": "wf-1",
              "name": "Lead follow-up",
              "start": "hello",
              "steps": [
                {"id": "hello", "type": "send_sms", "config": {"body": "Hi {{contact.first_name | default: \\"there\\"}}! Reply STOP to opt out."}, "next": "wait"},
                {"id": "wait", "type": "wait_for_reply", "config": {"timeout": "1d"}, "on_reply": "check", "on_timeout": "done"},
                {"id": "check", "type": "condition", "branches": [
                    {"label": "hot", "when": {"reply_intent": ["interested", "ready_to_buy"]}, "next": "won"},
                    {"when": {"any": [{"opted_out": true}, {"not": {"has_tag": "vip"}}]}, "next": "done"}
                  ], "default": "done"},
                {"id": "won", "type": "goal", "config": {"goal": "booked"}},
                {"id": "done", "type": "end"}
              ]
            }
            """;

    @Test
    void parsesEveryPartOfAValidWorkflow() {
        var r = WorkflowParser.parse(VALID);
        assertTrue(r.ok(), () -> r.problems().toString());
        Workflow w = r.workflow();
        assertEquals("hello", w.start());
        assertEquals(5, w.steps().size());
        assertEquals(StepType.WAIT_FOR_REPLY, w.step("wait").type());
        assertEquals(Duration.ofDays(1), w.step("wait").timeout());
        Step check = w.step("check");
        assertEquals(2, check.branches().size());
        assertInstanceOf(Condition.ReplyIntent.class, check.branches().get(0).when());
        assertInstanceOf(Condition.Any.class, check.branches().get(1).when());
        assertEquals(List.of("check -[branch:hot]-> won", "check -[branch:2]-> done", "check -[default]-> done"),
                check.transitions().stream().map(Transition::key).toList());
        for (Step s : w.steps()) assertEquals(s.transitions().stream().map(Transition::to).toList(), s.targets(), s.id());
        assertTrue(w.settings().marketing());
    }

    @Test
    void theStreamedReadBuildsTheSameModelAsTheTreeAndGivesUpOnEveryKindOfInvalidInput() {
        Workflow streamed = WorkflowParser.parseValid(VALID);
        assertNotNull(streamed);
        Workflow tree = WorkflowParser.parse(dev.rehearsal.engine.json.LocatedJson.parseFast(VALID)).orThrow();
        assertEquals(tree.steps(), streamed.steps());
        assertEquals(tree.source(), streamed.source());
        assertEquals(tree.settings(), streamed.settings());

        // Each of these is valid JSON the streamed read must refuse, so that parse() reports it with a position.
        List<String> invalid = List.of(
                VALID.replace("\"type\": \"goal\"", "\"type\": \"send_fax\""),           // step schema
                VALID.replace("\"id\": \"done\"", "\"id\": \"won\""),                      // duplicate id
                VALID.replace("\"next\": \"won\"", "\"next\": \"ghost\""),                 // dangling branch target
                VALID.replace("\"start\": \"hello\"", "\"start\": \"ghost\""),             // dangling start
                VALID.replace("\"1d\"", "\"1 fortnight\""),                                  // bad duration
                VALID.replace("\"name\": \"Lead follow-up\",", "\"name\": \"Lead\", \"colour\": 1,"), // envelope
                VALID.replace("\"name\": \"Lead follow-up\",", "\"name\": \"a\", \"name\": \"b\","), // duplicate key
                VALID.replace("\"type\": \"goal\"", "\"type\": \"goal\", \"type\": \"goal\""),  // duplicate key in a step
                VALID.replace("{\"goal\": \"booked\"}", "{\"goal\": \"booked\", \"goal\": \"booked\"}"), // ... in its config
                VALID.replace("{\"opted_out\": true}", "{\"opted_out\": true, \"opted_out\": true}"), // ... deep in a branch
                VALID.replace("\"name\": \"Lead follow-up\",", "\"name\": \"Lead follow-up\", \"steps\": [],"), // two steps fields
                VALID.replace("\"name\": \"Lead follow-up\",", "\"settings\": {\"timezone\": \"Mars/Olympus\"}, \"name\": \"x\","),
                VALID.replaceAll("(?s)\"steps\": \\[.*\\]", "\"steps\": []"),                // no steps
                VALID.replaceAll("(?s)\"steps\": \\[.*\\]", "\"steps\": {}"),                // steps not an array
                VALID.replace("\"steps\"", "\"stepz\""),                                    // no steps field
                VALID + " {}",                                                             // trailing content
                "[" + VALID + "]");
        for (String text : invalid) {
            assertNotEquals(VALID, text, "the mutation applies");
            assertNull(WorkflowParser.parseValid(text), text);
            var r = WorkflowParser.parse(text);
            assertFalse(r.ok(), text);
            assertTrue(r.problems().stream().anyMatch(p -> p.line() > 0), () -> "located: " + r.problems());
        }
    }

    /** VALID with 4,000 more steps, big enough for the streamed read to check steps on a second thread. */
    private static String big() {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            pad.append("{\"id\": \"pad").append(i).append("\", \"type\": \"add_tag\", \"config\": {\"tag\": \"t").append(i % 7)
                    .append("\"}, \"next\": \"done\"},\n");
        }
        String text = VALID.replace("    {\"id\": \"wait\"", pad + "    {\"id\": \"wait\"");
        assertTrue(text.length() >= WorkflowParser.BACKGROUND_FROM_CHARS, "big enough: " + text.length());
        return text;
    }

    @Test
    void aBigWorkflowIsStreamedWithItsStepsCheckedOnASecondThreadWithTheSameOutcomes() {
        String big = big();
        Workflow streamed = WorkflowParser.parseValid(big);
        assertNotNull(streamed);
        Workflow tree = WorkflowParser.parse(dev.rehearsal.engine.json.LocatedJson.parseFast(big)).orThrow();
        assertEquals(4_005, streamed.steps().size());
        assertEquals(tree.steps(), streamed.steps(), "the same steps in the same order");
        assertEquals(tree.source(), streamed.source());

        List<String> invalid = List.of(
                big.replace("\"id\": \"pad3999\", \"type\": \"add_tag\"", "\"id\": \"pad3999\", \"type\": \"send_fax\""), // last batch
                big.replace("\"id\": \"pad1500\", \"type\": \"add_tag\"", "\"id\": \"pad1500\", \"type\": \"delay\""),   // a middle batch
                big.replace("\"id\": \"pad2000\"", "\"id\": \"pad10\""),                                                 // duplicate id
                big.replace("\"id\": \"pad2500\", \"type\": \"add_tag\", \"config\": {\"tag\": \"t1\"}, \"next\": \"done\"",
                        "\"id\": \"pad2500\", \"type\": \"delay\", \"config\": {\"duration\": \"1 fortnight\"}, \"next\": \"done\""), // bad duration
                big.replace("\"id\": \"pad3000\", \"type\": \"add_tag\", \"config\": {\"tag\": \"t4\"}, \"next\": \"done\"",
                        "\"id\": \"pad3000\", \"type\": \"add_tag\", \"config\": {\"tag\": \"t4\"}, \"next\": \"ghost\""),  // dangling
                big.replace("\"id\": \"pad3333\",", "\"id\": 3333,"));                                                     // not a string id
        for (String text : invalid) {
            assertNotEquals(big, text, "the mutation applies");
            assertNull(WorkflowParser.parseValid(text));
            var r = WorkflowParser.parse(text);
            assertFalse(r.ok());
            assertTrue(r.problems().stream().anyMatch(p -> p.line() > 0), () -> "located: " + r.problems());
        }
    }

    @Test
    void aStoredDefinitionReadsTheSameWithoutTheSchemaCheckAndABrokenOneIsStillReportedInFull() {
        var stored = WorkflowParser.parseStored(VALID);
        assertTrue(stored.ok(), () -> stored.problems().toString());
        Workflow w = stored.workflow(), checked = WorkflowParser.parseOrThrow(VALID);
        assertEquals(checked.steps().stream().flatMap(s -> s.transitions().stream()).map(Transition::key).toList(),
                w.steps().stream().flatMap(s -> s.transitions().stream()).map(Transition::key).toList());
        assertEquals(checked.source(), w.source());
        assertEquals(checked.step("hello").config(), w.step("hello").config());
        assertFalse(w.source().has("steps"), "the model keeps the steps; the source keeps the rest");

        String unknownType = VALID.replace("\"type\": \"goal\"", "\"type\": \"send_fax\"");
        var r = WorkflowParser.parseStored(unknownType);
        assertFalse(r.ok());
        assertEquals(WorkflowParser.parse(unknownType).problems(), r.problems());
        Problem p = r.problems().stream().filter(x -> x.code().equals("unknown_step_type")).findFirst().orElseThrow();
        assertEquals(12, p.line());   // the "won" step
        String dangling = VALID.replace("\"next\": \"won\"", "\"next\": \"ghost\"");
        assertEquals(WorkflowParser.parse(dangling).problems(), WorkflowParser.parseStored(dangling).problems());
        assertFalse(WorkflowParser.parseStored(dangling).ok());
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        var r = WorkflowParser.parse("{\n  \"id\": \"x\",\n  \"name\": \n}");
        assertFalse(r.ok());
        Problem p = r.problems().get(0);
        assertEquals("malformed_json", p.code());
        assertEquals(4, p.line());
    }

    @Test
    void reportsEveryProblemAtOnceWithPointerAndPosition() {
        String bad = """
                {
                  "id": "wf-2",
                  "name": "Broken",
                  "start": "nowhere",
                  "steps": [
                    {"id": "a", "type": "send_fax", "next": "b"},
                    {"id": "b", "type": "delay", "config": {"duration": "0m"}, "next": "ghost"},
                    {"id": "b", "type": "send_sms", "config": {}, "next": "a"},
                    {"id": "c", "type": "wait_for_reply", "config": {"timeout": 5}, "on_reply": "a"}
                  ]
                }
                """;
        var r = WorkflowParser.parse(bad);
        assertFalse(r.ok());
        List<String> codes = r.problems().stream().map(p -> p.code() + "@" + p.pointer()).toList();
        assertTrue(codes.contains("dangling_transition@/start"), codes::toString);
        assertTrue(codes.contains("unknown_step_type@/steps/0/type"), codes::toString);
        assertTrue(codes.contains("bad_duration@/steps/1/config/duration"), codes::toString);
        assertTrue(codes.contains("dangling_transition@/steps/1/next"), codes::toString);
        assertTrue(codes.contains("duplicate_step_id@/steps/2/id"), codes::toString);
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("schema.required@/steps/2/config")), codes::toString);
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("schema.type@/steps/3/config/timeout")), codes::toString);
        Problem unknown = r.problems().stream().filter(p -> p.code().equals("unknown_step_type")).findFirst().orElseThrow();
        assertEquals(6, unknown.line());
        assertTrue(unknown.message().contains("'send_fax'"), unknown.message());
        Problem missingBody = r.problems().stream().filter(p -> p.pointer().equals("/steps/2/config")).findFirst().orElseThrow();
        assertTrue(missingBody.message().contains("body"), missingBody.message());
    }

    @Test
    void unknownFieldsAreNamed() {
        var r = WorkflowParser.parse(VALID.replace("\"name\": \"Lead follow-up\",", "\"name\": \"x\", \"stepz\": [],"));
        assertFalse(r.ok());
        assertTrue(r.problems().get(0).message().contains("'stepz'"), r.problems().toString());
    }

    @Test
    void absurdNumbersAreReportedWhereTheyAreNotAsMalformedJsonOrACrash() {
        String wf = VALID.replace("\"timeout\": \"1d\"", "\"timeout\": \"99999999999999999h\"")
                .replace("\"name\": \"Lead follow-up\",", "\"name\": \"Lead follow-up\", \"version\": 99999999999999999999,");
        var r = WorkflowParser.parse(wf);
        assertFalse(r.ok());
        List<String> codes = r.problems().stream().map(p -> p.code() + "@" + p.pointer()).toList();
        assertTrue(codes.contains("bad_duration@/steps/1/config/timeout"), codes::toString);
        assertTrue(codes.stream().noneMatch(c -> c.startsWith("malformed_json")),
                "a 20-digit integer is valid JSON, so the rest of the document is still checked: " + codes);
    }

    @Test
    void anUnknownFieldIsPointedAtItself() {
        var r = WorkflowParser.parse(VALID.replace("\"start\": \"hello\",", "\"start\": \"hello\", \"owner\": \"me\","));
        Problem p = r.problems().get(0);
        assertEquals("/owner", p.pointer());
        assertEquals(4, p.line());
    }
}
